import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../base/browser/api.ts';
import { Field, FormAlert } from '../../../base/browser/Field.tsx';
import { useAnnounce, useFormat, useSigned } from '../../../base/browser/context.tsx';
import { localeTag } from '../../../base/browser/i18n.ts';
import { errorMessage, wordReason } from '../../../base/browser/messages.ts';
import { isCalendarDate } from '../../../base/common/dates.ts';
import { weekdays, type HolidayCalendar } from '../common/calendar.ts';
import { DateInput } from '../../../base/browser/DateInput.tsx';
import { FileInput } from '../../../base/browser/FileInput.tsx';

/** The weekend days and holidays the turnaround clock skips: set by hand, or imported from a file. */
export function CalendarEditor() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const announce = useAnnounce();
  const { user } = useSigned();
  const admin = user.role === 'admin';
  const [calendar, setCalendar] = useState<HolidayCalendar | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<string[]>([]);
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const locale = localeTag(i18n.language);
  const dayNames = useMemo(() => {
    const weekday = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
    // 2026-01-04 is a Sunday: day d of the week is d days later.
    return (day: number) => weekday.format(new Date(Date.UTC(2026, 0, 4 + day)));
  }, [locale]);

  useEffect(() => {
    void api['reports.calendar']({}).then((result) => {
      if (result.ok) setCalendar(result.value);
      else setAlert(errorMessage(result.error, t));
    });
  }, [t]);

  if (!calendar) return <FormAlert message={alert} />;

  const toggleDay = (day: number) =>
    setCalendar({
      ...calendar,
      weekendDays: calendar.weekendDays.includes(day) ? calendar.weekendDays.filter((d) => d !== day) : [...calendar.weekendDays, day],
    });

  const add = () => {
    if (!isCalendarDate(date) || !name.trim()) return;
    const others = calendar.holidays.filter((h) => h.date !== date);
    setCalendar({ ...calendar, holidays: [...others, { date, name: name.trim() }].sort((a, b) => a.date.localeCompare(b.date)) });
    setDate('');
    setName('');
  };

  const save = async () => {
    setAlert(null);
    setFields({});
    const result = await api['reports.saveCalendar'](calendar);
    if (!result.ok) {
      const { fields: english = {}, fieldReasons = {} } = result.error;
      setFields(Object.fromEntries(Object.entries(fieldReasons).map(([path, reason]) => [path, wordReason(reason, english[path] ?? '', i18n.language)])));
      return setAlert(errorMessage(result.error, t));
    }
    setCalendar(result.value);
    announce(t('reports.calendar.saved'));
  };

  const importFile = async (file: File) => {
    setProblems([]);
    setAlert(null);
    const result = await api['reports.importHolidays']({ text: await file.text() });
    if (!result.ok) {
      // Each line the file got wrong is its own message (text.0, text.1, …), in the reader's language.
      const { fields: said = {}, fieldReasons = {} } = result.error;
      const lines = Object.keys(fieldReasons)
        .filter((path) => /^text\.\d+$/.test(path))
        .map((path) => wordReason(fieldReasons[path]!, said[path] ?? '', i18n.language));
      return setProblems(lines.length > 0 ? lines : [errorMessage(result.error, t)]);
    }
    setCalendar(result.value.calendar);
    announce(t('reports.calendar.imported', { count: result.value.imported }));
  };

  return (
    <section className="panel calendar" aria-labelledby="calendar-title">
      <h2 id="calendar-title">{t('reports.tab.calendar')}</h2>
      <p className="intro">{t('reports.calendar.intro')}</p>
      {!admin ? <p className="notice">{t('reports.calendar.adminOnly')}</p> : null}
      <FormAlert message={alert} />
      <fieldset className="checks" disabled={!admin}>
        <legend>{t('reports.calendar.weekend')}</legend>
        {weekdays.map((day) => (
          <label key={day} className="check">
            <input type="checkbox" checked={calendar.weekendDays.includes(day)} onChange={() => toggleDay(day)} />
            {dayNames(day)}
          </label>
        ))}
      </fieldset>
      {fields.weekendDays ? <div className="error">{fields.weekendDays}</div> : null}
      <h3>{t('reports.calendar.holidays')}</h3>
      {calendar.holidays.length === 0 ? (
        <p className="empty">{t('reports.calendar.none')}</p>
      ) : (
        <table aria-label={t('reports.calendar.holidays')}>
          <thead>
            <tr>
              <th scope="col">{t('reports.calendar.date')}</th>
              <th scope="col">{t('reports.calendar.name')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {calendar.holidays.map((holiday, index) => (
              <tr key={holiday.date}>
                <td>
                  {format.date(holiday.date)}
                  {fields[`holidays.${index}.date`] ? <div className="error">{fields[`holidays.${index}.date`]}</div> : null}
                </td>
                <td>{holiday.name}</td>
                <td>
                  {admin ? (
                    <button
                      type="button"
                      onClick={() => setCalendar({ ...calendar, holidays: calendar.holidays.filter((h) => h.date !== holiday.date) })}
                    >
                      {t('reports.calendar.remove', { date: holiday.date })}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {admin ? (
        <>
          <form
            className="toolbar"
            onSubmit={(e) => {
              e.preventDefault();
              add();
            }}
          >
            <Field label={t('reports.calendar.date')} hint={t('common.dateHint')}>
              {(p) => <DateInput {...p} value={date} onChange={(e) => setDate(e.target.value)} />}
            </Field>
            <Field label={t('reports.calendar.name')}>
              {(p) => <input {...p} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />}
            </Field>
            <button type="submit" disabled={!isCalendarDate(date) || !name.trim()}>
              {t('reports.calendar.add')}
            </button>
          </form>
          <Field label={t('reports.calendar.importFile')} hint={t('reports.calendar.importHint')}>
            {(p) => (
              <FileInput
                {...p}
                accept=".csv,.txt,.ics,text/csv,text/calendar,text/plain"
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  e.target.value = '';
                  if (file) void importFile(file);
                }}
              />
            )}
          </Field>
          {problems.length > 0 ? (
            <ul className="alert" role="alert">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
          <div className="actions">
            <button type="button" className="primary" onClick={() => void save()}>
              {t('reports.calendar.save')}
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}
