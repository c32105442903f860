import { registerMessages, type Translations } from '../../../base/browser/messages.ts';
import { reportsMessages } from '../common/index.ts';

export const reportsTranslations: Translations<typeof reportsMessages> = {
  ko: {
    rangeOrder: '종료일이 시작일보다 앞섭니다',
    rangeTooLong: '보고서 기간은 최대 {max}일입니다',
    oneWorkingDay: '한 주에 적어도 하루는 영업일이어야 합니다',
    weekdayTwice: '같은 요일이 두 번 들어 있습니다',
    holidayTwice: '{date}: 이미 휴일로 등록된 날짜입니다',
    tooManyHolidays: '휴일은 최대 {max}개입니다',
    holidayFileEmpty: '파일에 휴일이 없습니다. 한 줄에 날짜와 이름 하나씩(2026-03-01,삼일절) 쓰거나 .ics 달력을 쓰세요',
    holidayLine: '{line}번째 줄을 읽을 수 없습니다: "{text}" (날짜와 이름을 쓰세요. 예: 2026-03-01,삼일절)',
    holidayEvent: '{event}번째 일정: 읽을 수 있는 날짜(DTSTART)가 없습니다',
    holidayFileProblems: '파일에서 읽지 못한 줄이 {count}개 있어 아무것도 가져오지 않았습니다',
  },
  zh: {
    rangeOrder: '结束日期早于开始日期',
    rangeTooLong: '报表最多涵盖 {max} 天',
    oneWorkingDay: '一周中至少要有一天是工作日',
    weekdayTwice: '同一个星期几列了两次',
    holidayTwice: '{date} 已经是节假日',
    tooManyHolidays: '最多 {max} 个节假日',
    holidayFileEmpty: '文件中没有节假日：每行写一个日期和名称（2026-03-01,独立运动纪念日），或使用 .ics 日历',
    holidayLine: '第 {line} 行：“{text}”不是日期和名称（2026-03-01,独立运动纪念日）',
    holidayEvent: '第 {event} 个事件：没有可读取的日期（DTSTART）',
    holidayFileProblems: '文件中有 {count} 行无法读取；未导入任何内容',
  },
};

registerMessages(reportsMessages, reportsTranslations);
