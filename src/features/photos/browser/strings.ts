import type { ByLanguage, Strings } from '../../../base/browser/strings.ts';

/** Photos of a unit or a parcel. */
const en = {
  photos: {
    add: 'Add photos',
    hint: 'JPEG or PNG, at most 10 MiB each. You can also drop photos here.',
    listLabel: 'Photos',
    adding: 'Adding {{name}}…',
    added: 'Photos added: {{count}}.',
    refused: '{{name}}: {{message}}',
    tooBig: 'A photo may be at most 10 MiB',
    chosen: 'Chosen: {{names}}',
  },
};

const ko: Strings<typeof en> = {
  photos: {
    add: '사진 추가',
    hint: 'JPEG 또는 PNG, 장당 최대 10 MiB. 여기에 사진을 끌어다 놓아도 됩니다.',
    listLabel: '사진',
    adding: '{{name}} 추가 중…',
    added: '사진 {{count}}장을 추가했습니다.',
    refused: '{{name}}: {{message}}',
    tooBig: '사진은 최대 10 MiB입니다',
    chosen: '선택함: {{names}}',
  },
};

const zh: Strings<typeof en> = {
  photos: {
    add: '添加照片',
    hint: 'JPEG 或 PNG，每张最多 10 MiB。也可以把照片拖到这里。',
    listLabel: '照片',
    adding: '正在添加 {{name}}…',
    added: '已添加 {{count}} 张照片。',
    refused: '{{name}}：{{message}}',
    tooBig: '每张照片最多 10 MiB',
    chosen: '已选择：{{names}}',
  },
};

/** The photos strings in every language: `photos.*`. */
export const photosStrings: ByLanguage<typeof en> = { en, ko, zh };
