import type { Accessory } from '../../receiving/common/index.ts';
import type { DemoSku } from '../../bench/node/index.ts';

/**
 * What the demo's customers bring and what the bench finds: each model has its own troubles, told
 * by the customer in their own language and found, fixed and timed by the technician.
 */

export type CustomerLocale = 'ko' | 'zh' | 'el' | 'en';
/** A sentence as each of the demo's customers would write it. */
export type Words = Record<CustomerLocale, string>;

export type DemoModel = 'AX-100' | 'AX-200' | 'SP-500' | 'TB-10' | 'CH-3';

export interface DemoProduct {
  model: DemoModel;
  product_line: string;
  name: string;
  warranty_months: number;
  /** What comes in the box, as the dock checks it. */
  accessories: readonly Accessory[];
  /** The parcel it goes back in. */
  weightGrams: number;
}

export const demoProducts: readonly DemoProduct[] = [
  { model: 'AX-100', product_line: 'Headphones', name: 'AX-100 Wireless Headphones', warranty_months: 24, accessories: ['cable', 'box', 'manual'], weightGrams: 700 },
  { model: 'AX-200', product_line: 'Headphones', name: 'AX-200 Noise Cancelling Headphones', warranty_months: 24, accessories: ['cable', 'box', 'manual'], weightGrams: 800 },
  { model: 'SP-500', product_line: 'Speakers', name: 'SP-500 Smart Speaker', warranty_months: 12, accessories: ['adapter', 'box', 'manual'], weightGrams: 2600 },
  { model: 'TB-10', product_line: 'Tablets', name: 'TB-10 Tablet 10"', warranty_months: 24, accessories: ['adapter', 'cable', 'box', 'manual'], weightGrams: 1200 },
  { model: 'CH-3', product_line: 'Chargers', name: 'CH-3 Fast Charger', warranty_months: 12, accessories: ['cable', 'box'], weightGrams: 400 },
];

export interface DemoCustomer {
  name: string;
  locale: CustomerLocale;
  city: string;
  line1: string;
  postal: string;
  country: string;
  phone: string;
}

/** Customers in the scripts the depot serves: Korean, Chinese, Greek, English. */
export const demoCustomers: readonly DemoCustomer[] = [
  { name: '김민수', locale: 'ko', city: 'Seoul', line1: '서울특별시 마포구 월드컵북로 396', postal: '03925', country: 'KR', phone: '010-2345-6789' },
  { name: '이서연', locale: 'ko', city: 'Busan', line1: '부산광역시 해운대구 센텀중앙로 79', postal: '48058', country: 'KR', phone: '010-9876-5432' },
  { name: '박지훈', locale: 'ko', city: 'Incheon', line1: '인천광역시 연수구 송도과학로 32', postal: '21984', country: 'KR', phone: '010-5555-1212' },
  { name: '최유진', locale: 'ko', city: 'Daejeon', line1: '대전광역시 유성구 대학로 99', postal: '34134', country: 'KR', phone: '010-3030-4040' },
  { name: '王小明', locale: 'zh', city: '上海', line1: '上海市浦东新区世纪大道100号', postal: '200120', country: 'CN', phone: '+86 138 0013 8000' },
  { name: '李娜', locale: 'zh', city: '北京', line1: '北京市朝阳区建国路88号', postal: '100022', country: 'CN', phone: '+86 139 1234 5678' },
  { name: '陈静怡', locale: 'zh', city: '深圳', line1: '深圳市南山区科技园南路18号', postal: '518057', country: 'CN', phone: '+86 137 2222 3333' },
  { name: 'Γιώργος Παπαδόπουλος', locale: 'el', city: 'Αθήνα', line1: 'Οδός Ερμού 25', postal: '10563', country: 'GR', phone: '+30 210 123 4567' },
  { name: 'Μαρία Κωνσταντίνου', locale: 'el', city: 'Θεσσαλονίκη', line1: 'Λεωφόρος Νίκης 12', postal: '54624', country: 'GR', phone: '+30 2310 555 111' },
  { name: "Sean O'Brien", locale: 'en', city: 'Dublin', line1: '12 Grafton Street', postal: 'D02 X285', country: 'IE', phone: '+353 1 555 0199' },
  { name: 'Emily Carter', locale: 'en', city: 'Portland', line1: '800 SW Broadway', postal: '97205', country: 'US', phone: '+1 503 555 0142' },
  { name: 'Γιώργος 김민수 王小明', locale: 'en', city: 'Seoul', line1: '서울 중구 세종대로 110 · Ερμού 3', postal: '04524', country: 'KR', phone: '010-1111-2222' },
];

export interface Trouble {
  /** The customer's problem category and words. */
  category: string;
  symptom: Words;
  /** What the technician finds and tells. */
  faultCategory: string;
  fault: string;
  tests: string;
  customerNote: string;
  /** The repair: the work, its time, the parts it takes, and the damage level (which sets an estimate's labor fee). */
  work: string;
  minutes: number;
  parts: readonly { sku: DemoSku; quantity: number }[];
  damageLevel: 1 | 2 | 3;
  /** Damage the unit came with, which voids the warranty. */
  damage?: 'physical' | 'liquid';
}

/** A charger is a sealed unit: the bench swaps it for a new one. */
export const chargerReplacement = { description: 'Replacement unit CH-3', price: 19_000 };

export const troubles: Record<DemoModel, readonly Trouble[]> = {
  'AX-100': [
    {
      category: 'audio',
      symptom: {
        en: 'No sound from the left ear cup.',
        ko: '왼쪽 이어컵에서 소리가 나지 않아요.',
        zh: '左耳罩没有声音。',
        el: 'Δεν βγαίνει ήχος από το αριστερό ακουστικό.',
      },
      faultCategory: 'Speaker / driver',
      fault: 'Left driver coil open (no continuity)',
      tests: 'Sweep 20 Hz to 20 kHz: right channel normal, left channel silent',
      customerNote: 'The left speaker driver was replaced.',
      work: 'Replaced the left driver and re-glued the baffle',
      minutes: 40,
      parts: [{ sku: 'SPK-DRV', quantity: 1 }],
      damageLevel: 2,
    },
    {
      category: 'battery',
      symptom: {
        en: 'The battery is empty the next morning, even after a full charge.',
        ko: '완전히 충전해도 다음 날 아침이면 배터리가 다 닳아 있어요.',
        zh: '充满电后，第二天早上电量就没了。',
        el: 'Η μπαταρία είναι άδεια το επόμενο πρωί, ακόμη και μετά από πλήρη φόρτιση.',
      },
      faultCategory: 'Battery',
      fault: 'Battery cell swollen, 38 % of rated capacity',
      tests: 'Discharge test at 50 % volume: 6 h 10 min (rated 30 h)',
      customerNote: 'The battery was replaced.',
      work: 'Replaced the battery pack',
      minutes: 25,
      parts: [{ sku: 'BAT-AX', quantity: 1 }],
      damageLevel: 1,
    },
    {
      category: 'wear',
      symptom: {
        en: 'The ear pad leather is peeling off.',
        ko: '이어패드 가죽이 벗겨지고 있어요.',
        zh: '耳垫的皮革在脱皮。',
        el: 'Η δερμάτινη επένδυση στα μαξιλαράκια ξεφλουδίζει.',
      },
      faultCategory: 'Other',
      fault: 'Ear pad covering delaminated on both sides',
      tests: 'Visual inspection; drivers and headband normal',
      customerNote: 'Both ear pads were replaced.',
      work: 'Fitted a new pair of ear pads',
      minutes: 10,
      parts: [{ sku: 'EAR-PAD', quantity: 1 }],
      damageLevel: 1,
    },
    {
      category: 'power',
      symptom: {
        en: 'It stopped turning on after I was caught in the rain.',
        ko: '비를 맞은 뒤로 전원이 켜지지 않아요.',
        zh: '淋雨之后就开不了机了。',
        el: 'Δεν ανάβει πια, αφού βράχηκε στη βροχή.',
      },
      faultCategory: 'Battery',
      fault: 'Corroded battery connector; the liquid contact indicator is red',
      tests: 'Board draws 0 mA; battery connector corroded',
      customerNote: 'The board was cleaned and the corroded battery replaced.',
      work: 'Cleaned the board and replaced the battery pack',
      minutes: 50,
      parts: [{ sku: 'BAT-AX', quantity: 1 }],
      damageLevel: 3,
      damage: 'liquid',
    },
  ],
  'AX-200': [
    {
      category: 'audio',
      symptom: {
        en: 'Turning on noise cancelling makes a loud hiss.',
        ko: '노이즈 캔슬링을 켜면 쉬익 하는 잡음이 크게 나요.',
        zh: '打开降噪后会有很大的嘶嘶声。',
        el: 'Όταν ενεργοποιώ την ακύρωση θορύβου, ακούγεται δυνατό σφύριγμα.',
      },
      faultCategory: 'Main board',
      fault: 'Noise cancelling feedback preamp faulty on the main board',
      tests: 'Noise cancelling on: noise floor -42 dB (spec -70 dB); off: normal',
      customerNote: 'The main board was replaced and noise cancelling calibrated.',
      work: 'Replaced the main board and calibrated noise cancelling',
      minutes: 55,
      parts: [{ sku: 'MB-AX200', quantity: 1 }],
      damageLevel: 3,
    },
    {
      category: 'connectivity',
      symptom: {
        en: 'Bluetooth keeps disconnecting from my phone.',
        ko: '휴대폰과 블루투스 연결이 자꾸 끊겨요.',
        zh: '和手机的蓝牙连接老是断开。',
        el: 'Η σύνδεση Bluetooth με το κινητό μου κόβεται συνέχεια.',
      },
      faultCategory: 'Other',
      fault: 'Bluetooth antenna flex cracked at the hinge',
      tests: 'Signal at 1 m: -78 dBm (spec -50 dBm); drops every 2 to 3 minutes',
      customerNote: 'The Bluetooth antenna was replaced and the firmware updated.',
      work: 'Replaced the antenna flex; updated the firmware from 2.1.4 to 2.3.0',
      minutes: 35,
      parts: [{ sku: 'ANT-AX', quantity: 1 }],
      damageLevel: 2,
    },
    {
      category: 'battery',
      symptom: {
        en: 'The battery lasts only about two hours.',
        ko: '배터리가 두 시간 정도밖에 가지 않아요.',
        zh: '电池只能用两个小时左右。',
        el: 'Η μπαταρία κρατάει μόνο περίπου δύο ώρες.',
      },
      faultCategory: 'Battery',
      fault: 'Battery at 22 % of rated capacity',
      tests: 'Discharge test with noise cancelling on: 1 h 55 min (rated 20 h)',
      customerNote: 'The battery was replaced.',
      work: 'Replaced the battery pack',
      minutes: 25,
      parts: [{ sku: 'BAT-AX', quantity: 1 }],
      damageLevel: 1,
    },
    {
      category: 'power',
      symptom: {
        en: 'It does not turn on at all.',
        ko: '전원이 전혀 켜지지 않아요.',
        zh: '完全开不了机。',
        el: 'Δεν ανάβει καθόλου.',
      },
      faultCategory: 'Main board',
      fault: 'Power management chip shorted on the main board',
      tests: 'No current drawn at the charging port; 3.3 V rail shorted to ground',
      customerNote: 'The main board was replaced.',
      work: 'Replaced the main board',
      minutes: 45,
      parts: [{ sku: 'MB-AX200', quantity: 1 }],
      damageLevel: 2,
    },
  ],
  'SP-500': [
    {
      category: 'audio',
      symptom: {
        en: 'The sound crackles at high volume.',
        ko: '볼륨을 높이면 소리가 찢어지고 지직거려요.',
        zh: '音量调大时声音破裂，有杂音。',
        el: 'Σε υψηλή ένταση ο ήχος τρίζει.',
      },
      faultCategory: 'Speaker / driver',
      fault: 'Woofer surround torn',
      tests: 'Sine sweep at 85 dB: rub and buzz from 120 to 300 Hz',
      customerNote: 'The speaker driver was replaced.',
      work: 'Replaced the driver',
      minutes: 40,
      parts: [{ sku: 'SPK-DRV', quantity: 1 }],
      damageLevel: 2,
    },
    {
      category: 'voice',
      symptom: {
        en: 'It does not react when I talk to it.',
        ko: '말을 걸어도 반응하지 않아요.',
        zh: '跟它说话没有反应。',
        el: 'Δεν αντιδρά όταν του μιλάω.',
      },
      faultCategory: 'Other',
      fault: 'Microphone array dead: no signal from any of the four microphones',
      tests: 'Microphone test: 0 of 4 channels respond',
      customerNote: 'The microphone array was replaced.',
      work: 'Replaced the microphone array',
      minutes: 30,
      parts: [{ sku: 'MIC-SP500', quantity: 1 }],
      damageLevel: 2,
    },
    {
      category: 'power',
      symptom: {
        en: 'It does not power on and the light stays off.',
        ko: '전원이 들어오지 않고 불빛도 켜지지 않아요.',
        zh: '通不了电，指示灯也不亮。',
        el: 'Δεν ανάβει και η φωτεινή ένδειξη μένει σβηστή.',
      },
      faultCategory: 'Main board',
      fault: 'Power board: primary fuse and bridge rectifier failed',
      tests: 'No output on the 12 V rail',
      customerNote: 'The power board was replaced.',
      work: 'Replaced the power board',
      minutes: 45,
      parts: [{ sku: 'PSU-SP500', quantity: 1 }],
      damageLevel: 2,
    },
    {
      category: 'damage',
      symptom: {
        en: 'I dropped it and now something rattles inside.',
        ko: '떨어뜨린 뒤로 안에서 덜그럭거리는 소리가 나요.',
        zh: '摔了一下之后，里面有东西在响。',
        el: 'Μου έπεσε και τώρα κάτι κουδουνίζει μέσα.',
      },
      faultCategory: 'Speaker / driver',
      fault: 'Driver magnet came loose in the fall; the grille is dented',
      tests: 'Rattle at every volume; grille deformed',
      customerNote: 'The speaker driver was replaced; the dented grille was left as it is.',
      work: 'Replaced the driver',
      minutes: 45,
      parts: [{ sku: 'SPK-DRV', quantity: 1 }],
      damageLevel: 3,
      damage: 'physical',
    },
  ],
  'TB-10': [
    {
      category: 'display',
      symptom: {
        en: 'The screen cracked and touch no longer works in one corner.',
        ko: '화면이 깨져서 모서리 부분은 터치가 안 돼요.',
        zh: '屏幕摔裂了，角落的触摸不灵了。',
        el: 'Η οθόνη ράγισε και η αφή δεν λειτουργεί σε μια γωνία.',
      },
      faultCategory: 'Display',
      fault: 'Cover glass and digitizer cracked by an impact at the lower left corner',
      tests: 'Touch grid test: a dead zone of 3 by 4 cm at the lower left',
      customerNote: 'The display assembly was replaced.',
      work: 'Replaced the display assembly',
      minutes: 60,
      parts: [{ sku: 'LCD-TB10', quantity: 1 }],
      damageLevel: 3,
      damage: 'physical',
    },
    {
      category: 'charging',
      symptom: {
        en: 'It only charges when I hold the cable at an angle.',
        ko: '케이블을 비스듬히 잡고 있어야만 충전이 돼요.',
        zh: '充电线要斜着拿住才能充电。',
        el: 'Φορτίζει μόνο αν κρατάω το καλώδιο λοξά.',
      },
      faultCategory: 'Charging port',
      fault: 'USB-C port loose, two pins bent',
      tests: 'Charging current 0 to 1.2 A, drops when the cable moves',
      customerNote: 'The charging port was replaced.',
      work: 'Replaced the USB-C port',
      minutes: 35,
      parts: [{ sku: 'USBC-PORT', quantity: 1 }],
      damageLevel: 2,
    },
    {
      category: 'battery',
      symptom: {
        en: 'The back cover is lifting; the battery looks swollen.',
        ko: '배터리가 부풀어서 뒷면 커버가 들떴어요.',
        zh: '电池鼓包，后盖都翘起来了。',
        el: 'Το πίσω κάλυμμα σηκώνεται· η μπαταρία φαίνεται φουσκωμένη.',
      },
      faultCategory: 'Battery',
      fault: 'Battery swollen to 9.8 mm (7.2 mm new)',
      tests: 'Battery removed and kept in the fire box',
      customerNote: 'The battery was replaced.',
      work: 'Replaced the battery',
      minutes: 40,
      parts: [{ sku: 'BAT-TB10', quantity: 1 }],
      damageLevel: 2,
    },
    {
      category: 'display',
      symptom: {
        en: 'The screen flickers at low brightness.',
        ko: '밝기를 낮추면 화면이 깜빡거려요.',
        zh: '亮度调低时屏幕会闪烁。',
        el: 'Η οθόνη τρεμοπαίζει σε χαμηλή φωτεινότητα.',
      },
      faultCategory: 'Display',
      fault: 'Backlight driver of the display assembly faulty',
      tests: 'Flickers below 30 % brightness; display cable fine',
      customerNote: 'The display assembly was replaced.',
      work: 'Replaced the display assembly',
      minutes: 50,
      parts: [{ sku: 'LCD-TB10', quantity: 1 }],
      damageLevel: 2,
    },
  ],
  'CH-3': [
    {
      category: 'power',
      symptom: {
        en: 'The light on the charger stays off and nothing charges.',
        ko: '충전기 불이 들어오지 않고 충전이 전혀 안 돼요.',
        zh: '充电器指示灯不亮，完全充不了电。',
        el: 'Η λυχνία του φορτιστή δεν ανάβει και δεν φορτίζει τίποτα.',
      },
      faultCategory: 'Other',
      fault: 'No output (0 V at the USB-C socket); sealed unit, not repairable',
      tests: 'Load test at 20 V / 3 A: no output',
      customerNote: 'The charger was replaced with a new unit.',
      work: 'Replaced with a new CH-3 unit',
      minutes: 10,
      parts: [],
      damageLevel: 1,
    },
    {
      category: 'heat',
      symptom: {
        en: 'It gets too hot to touch while charging.',
        ko: '충전할 때 손을 대기 어려울 만큼 뜨거워져요.',
        zh: '充电时烫得不敢摸。',
        el: 'Όταν φορτίζει, ζεσταίνεται τόσο που δεν μπορώ να τον αγγίξω.',
      },
      faultCategory: 'Other',
      fault: 'Case reaches 78 °C at 30 W (limit 60 °C); sealed unit',
      tests: 'Thermal test at 30 W for 20 minutes: 78 °C',
      customerNote: 'The charger was replaced with a new unit.',
      work: 'Replaced with a new CH-3 unit',
      minutes: 10,
      parts: [],
      damageLevel: 1,
    },
    {
      category: 'charging',
      symptom: {
        en: 'It no longer fast-charges, only slowly.',
        ko: '고속 충전이 안 되고 천천히만 충전돼요.',
        zh: '不能快充了，只能慢慢充。',
        el: 'Δεν κάνει πια γρήγορη φόρτιση, φορτίζει μόνο αργά.',
      },
      faultCategory: 'Firmware',
      fault: 'USB Power Delivery negotiation fails; falls back to 5 V / 1 A',
      tests: 'Power Delivery analyser: no 9 V or 20 V profile offered',
      customerNote: 'The charger was replaced with a new unit.',
      work: 'Replaced with a new CH-3 unit',
      minutes: 10,
      parts: [],
      damageLevel: 1,
    },
    {
      category: 'noise',
      symptom: {
        en: 'It buzzes when it is plugged in.',
        ko: '콘센트에 꽂으면 지잉 하는 소리가 나요.',
        zh: '插上插座后会发出嗡嗡声。',
        el: 'Βγάζει βουητό όταν είναι στην πρίζα.',
      },
      faultCategory: 'Other',
      fault: 'Transformer whine; output ripple 480 mV (spec 150 mV)',
      tests: 'Ripple measured at 20 V / 2 A',
      customerNote: 'The charger was replaced with a new unit.',
      work: 'Replaced with a new CH-3 unit',
      minutes: 10,
      parts: [],
      damageLevel: 1,
    },
  ],
};

/** How the bench tried and failed to reproduce a problem, per model. */
export const noFaultTests: Record<DemoModel, string> = {
  'AX-100': 'Played 2 h at 70 % volume on both channels; battery and charging normal',
  'AX-200': 'Played 2 h with noise cancelling on; Bluetooth held at 10 m; battery normal',
  'SP-500': 'Played 3 h at 80 % volume; Wi-Fi and voice commands worked throughout',
  'TB-10': 'Touch grid, display and charging tests passed; ran 4 h without a fault',
  'CH-3': 'Load test 2 h at 20 V / 3 A: stable output, case 41 °C',
};

export const noFaultNote = 'We could not find a fault: the unit works as specified.';

/** Why the desk turned a request down. */
export const rejections = [
  'The serial number is not one of our products; please check the label on the unit.',
  'The unit was sold outside our service area; please contact the seller.',
];

/** What a customer says when cancelling on the portal, or declining an estimate. */
export const cancelReason: Words = {
  en: 'It works again after a reset, so I will not send it.',
  ko: '초기화했더니 다시 잘 돼요. 보내지 않을게요.',
  zh: '重置后又能用了，就不寄了。',
  el: 'Μετά από επαναφορά λειτουργεί ξανά, οπότε δεν θα το στείλω.',
};
export const declineReason: Words = {
  en: 'The repair costs too much; I will buy a new one.',
  ko: '수리비가 너무 비싸서 새 제품을 살게요.',
  zh: '维修太贵了，我买个新的。',
  el: 'Η επισκευή κοστίζει πολύ· θα αγοράσω καινούργιο.',
};
