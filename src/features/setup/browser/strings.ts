import type { ByLanguage, Strings } from '../../../base/browser/strings.ts';

/** The first start: creating the site or loading demo data. */
const en = {
  setup: {
    title: 'Welcome to Depot',
    intro: 'This depot is not set up yet. Create your site, or look around with demo data first.',
    createTitle: 'Create the site',
    siteSection: 'Site',
    addressSection: 'Site address',
    adminSection: 'First administrator',
    create: 'Create site',
    demoTitle: 'Try it with demo data',
    demoIntro: 'Fills this empty depot with a sample site, one user per role and sample cases.',
    loadDemo: 'Load demo data',
    demoLoaded: 'Demo data loaded. Demo users sign in with PIN 1234.',
  },
};

const ko: Strings<typeof en> = {
  setup: {
    title: 'Depot에 오신 것을 환영합니다',
    intro: '이 서비스 센터는 아직 설정되지 않았습니다. 사이트를 만들거나 먼저 데모 데이터로 둘러보세요.',
    createTitle: '사이트 만들기',
    siteSection: '사이트',
    addressSection: '사이트 주소',
    adminSection: '첫 관리자',
    create: '사이트 만들기',
    demoTitle: '데모 데이터로 체험하기',
    demoIntro: '빈 데이터베이스에 샘플 사이트, 역할별 사용자 한 명씩, 샘플 케이스를 채웁니다.',
    loadDemo: '데모 데이터 불러오기',
    demoLoaded: '데모 데이터를 불러왔습니다. 데모 사용자는 PIN 1234로 로그인합니다.',
  },
};

const zh: Strings<typeof en> = {
  setup: {
    title: '欢迎使用 Depot',
    intro: '本维修中心尚未设置。请创建站点，或先用演示数据看看。',
    createTitle: '创建站点',
    siteSection: '站点',
    addressSection: '站点地址',
    adminSection: '首位管理员',
    create: '创建站点',
    demoTitle: '使用演示数据试用',
    demoIntro: '在空数据库中填入示例站点、每个角色一名用户以及示例工单。',
    loadDemo: '加载演示数据',
    demoLoaded: '演示数据已加载。演示用户使用 PIN 1234 登录。',
  },
};

/** The setup strings in every language: `setup.*`. */
export const setupStrings: ByLanguage<typeof en> = { en, ko, zh };
