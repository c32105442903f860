import { registerMessages, type Translations } from '../../../base/browser/messages.ts';
import { photosMessages } from '../common/index.ts';

export const photosTranslations: Translations<typeof photosMessages> = {
  ko: {
    needsName: '파일 이름이 필요합니다',
    tooBig: '사진은 최대 10 MiB입니다',
    notBase64: '사진 데이터가 base64 형식이 아닙니다',
    oneOwner: '사진은 케이스 하나나 소포 하나에만 속할 수 있습니다',
    noDataFolder: '이 데이터베이스에는 사진을 보관할 데이터 폴더가 없습니다',
    empty: '사진이 비어 있습니다',
    heic: 'HEIC 사진은 모든 작업대에서 볼 수 없습니다. JPEG로 내보낸 뒤 다시 추가하세요',
    type: 'JPEG와 PNG 사진만 추가할 수 있습니다',
    noParcel: '그런 소포가 없습니다',
    noPhoto: '그런 사진이 없습니다',
  },
  zh: {
    needsName: '文件需要有名称',
    tooBig: '每张照片最多 10 MiB',
    notBase64: '照片数据不是 base64 格式',
    oneOwner: '照片只能属于一个工单或一个包裹',
    noDataFolder: '此数据库没有存放照片的数据文件夹',
    empty: '照片是空的',
    heic: 'HEIC 照片无法在所有工作站显示：请导出为 JPEG 后重新添加',
    type: '只能添加 JPEG 和 PNG 照片',
    noParcel: '没有这个包裹',
    noPhoto: '没有这张照片',
  },
};

registerMessages(photosMessages, photosTranslations);
