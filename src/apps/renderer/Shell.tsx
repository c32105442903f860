import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../base/browser/api.ts';
import { LanguagePicker } from '../../base/browser/LanguagePicker.tsx';
import { SyncIndicator } from '../../features/portal-sync/browser/index.ts';
import { SignedProvider, type Signed } from '../../base/browser/context.tsx';
import { queuesFor } from '../../features/cases/browser/index.ts';
import { href, navScreen, useRoute, type NavScreen, type Route } from '../../base/browser/router.ts';
import { Bench } from '../../features/bench/browser/index.ts';
import { BenchSettings } from '../../features/bench/browser/index.ts';
import { CasePage } from '../../features/cases/browser/index.ts';
import { CasesScreen } from '../../features/cases/browser/index.ts';
import { FindScreen, LocationsScreen, MoveScreen } from '../../features/locations/browser/index.ts';
import { SupplierReturnsScreen } from '../../features/supplier-returns/browser/index.ts';
import { PartsScreen } from '../../features/parts/browser/index.ts';
import { ProductsScreen } from '../../features/products/browser/index.ts';
import { Receiving } from '../../features/receiving/browser/index.ts';
import { PrintersScreen } from '../../features/printing/browser/index.ts';
import { ReportsScreen } from '../../features/reports/browser/index.ts';
import { reportRoles } from '../../features/reports/common/index.ts';
import { Settings } from '../../features/settings/browser/index.ts';
import { ShippingDesk } from '../../features/shipping/browser/index.ts';
import { StockScreen } from '../../features/stock/browser/index.ts';
import { SyncScreen } from '../../features/portal-sync/browser/index.ts';
import { UnmatchedScreen } from '../../features/receiving/browser/index.ts';
import { WalkIn } from '../../features/receiving/browser/index.ts';
import { NewReturn, ReturnScreen, ReturnsScreen } from '../../features/receiving/browser/index.ts';
import type { UserInfo } from '../../base/common/identity.ts';
import { DEFAULT_IDLE_MINUTES, type Site } from '../../base/common/schemas.ts';
import { LockScreen, useIdleLock, WhoElse } from '../../features/users/browser/index.ts';
import type { SessionInfo } from '../../features/users/common/index.ts';

interface Props {
  user: UserInfo;
  signOut: () => void;
  /** The session ended: the lock screen covers the screen, which stays as it was. */
  locked: boolean;
  lock: () => void;
  onUnlocked: (session: SessionInfo) => void;
  onSwitchUser: () => void;
}

/** The signed-in frame: header, the role's navigation, and the current screen. */
export function Shell({ user, signOut, locked, lock, onUnlocked, onSwitchUser }: Props) {
  const { t } = useTranslation();
  const route = useRoute();
  const [site, setSite] = useState<Site | null>(null);

  useEffect(() => {
    void api['settings.get']({}).then((result) => {
      if (result.ok) setSite(result.value);
    });
  }, []);

  useIdleLock(locked ? null : (site?.idleMinutes ?? null), lock);

  const { own, nav } = useMemo(() => {
    const own: string[] = queuesFor(user.role);
    const nav: { screen: NavScreen }[] = [
      ...queuesFor(user.role).map((screen) => ({ screen })),
      { screen: 'cases' as const },
      ...(reportRoles.includes(user.role) ? [{ screen: 'reports' as const }] : []),
      { screen: 'settings' as const },
    ];
    return { own, nav };
  }, [user.role]);

  // A bare address, or a queue this role has no part in, lands on the role's own queue.
  useEffect(() => {
    const queue = route && (route.screen === 'receiving' || route.screen === 'bench' || route.screen === 'shipping');
    if (!route || (queue && !own.includes(route.screen))) {
      window.location.replace(href(nav[0]!));
    }
  }, [route, nav, own]);

  const signed: Signed = useMemo(() => ({ user, site, siteChanged: setSite, signOut }), [user, site, signOut]);
  const current = route ? navScreen(route) : undefined;

  useEffect(() => {
    const title = route?.screen === 'case' ? route.rma : current ? t(`nav.${current}`) : '';
    document.title = [title, site?.siteName, t('app.name')].filter(Boolean).join(' · ');
  }, [route, current, site, t]);

  return (
    <SignedProvider value={signed}>
      <div className="shell">
        <header className="top">
          <span className="brand" title={site?.siteName ?? t('app.name')}>
            {site?.siteName ?? t('app.name')}
          </span>
          <nav aria-label={t('nav.label')}>
            <ul>
              {nav.map((item) => (
                <li key={item.screen}>
                  <a href={href(item)} aria-current={current === item.screen ? 'page' : undefined}>
                    {t(`nav.${item.screen}`)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <SyncIndicator />
          <WhoElse />
          <span className="who">
            <span className="user-name">{user.name}</span>
            <span className="role">{t(`role.${user.role}`)}</span>
          </span>
          <LanguagePicker />
          <button type="button" onClick={signOut}>
            {t('common.signOut')}
          </button>
        </header>
        <div className="content">{route ? <Screen route={route} /> : null}</div>
      </div>
      {locked ? (
        <LockScreen user={user} idleMinutes={site?.idleMinutes ?? DEFAULT_IDLE_MINUTES} onUnlocked={onUnlocked} onSwitchUser={onSwitchUser} />
      ) : null}
    </SignedProvider>
  );
}

function Screen({ route }: { route: Route }) {
  switch (route.screen) {
    case 'receiving':
      return <Receiving key="receiving" />;
    case 'receive':
      return <Receiving key="receiving" rma={route.rma} />;
    case 'unmatched':
      return <UnmatchedScreen />;
    case 'walkIn':
      return <WalkIn key={route.parcelId ?? 0} parcelId={route.parcelId} />;
    case 'returns':
      return <ReturnsScreen />;
    case 'returnNew':
      return <NewReturn />;
    case 'return':
      return <ReturnScreen key={route.number} number={route.number} />;
    case 'shipping':
      return <ShippingDesk />;
    case 'bench':
      return <Bench />;
    case 'parts':
      return <PartsScreen />;
    case 'benchSettings':
      return <BenchSettings />;
    case 'cases':
      return <CasesScreen key="cases" queue={null} statuses={null} />;
    case 'case':
      return <CasePage key={route.rma} rma={route.rma} />;
    case 'settings':
      return <Settings />;
    case 'sync':
      return <SyncScreen />;
    case 'printers':
      return <PrintersScreen />;
    case 'products':
      return <ProductsScreen />;
    case 'locations':
      return <LocationsScreen />;
    case 'supplierReturns':
      return <SupplierReturnsScreen />;
    case 'stock':
      return <StockScreen />;
    case 'move':
      return <MoveScreen />;
    case 'find':
      return <FindScreen key={route.query ?? ''} query={route.query} />;
    case 'reports':
      return <ReportsScreen tab={route.tab} />;
  }
}
