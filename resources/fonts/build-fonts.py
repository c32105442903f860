#!/usr/bin/python3
"""Rebuilds the fonts Depot prints with from Debian's font packages.

Needs: apt-get install fonts-noto-core fonts-noto-cjk python3-fonttools
Run:   /usr/bin/python3 resources/fonts/build-fonts.py [job...]   (from the repository root)

Noto Sans covers Latin, Greek (with accents) and Cyrillic. The CJK faces come out of
Noto Sans CJK's collection (pdfmake needs single .otf files, not a .ttc) and are cut down
so the repository stays small: the Korean face keeps every Hangul syllable and jamo plus
the KS X 1001 hanja; the Chinese face keeps the whole CJK Unified Ideographs block
(U+4E00-U+9FFF), kana and CJK punctuation.
"""
import os
import sys
from fontTools.ttLib import TTCollection, TTFont
from fontTools import subset

HERE = os.path.dirname(os.path.abspath(__file__))
NOTO = '/usr/share/fonts/truetype/noto'
CJK = '/usr/share/fonts/opentype/noto'


def ks_x_1001_hanja():
    chars = set()
    for lead in range(0xCA, 0xFE):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes([lead, trail]).decode('euc_kr')))
            except UnicodeDecodeError:
                pass
    return chars


def span(a, b):
    return set(range(a, b + 1))


# Latin, Latin-1, Latin Extended-A/B, IPA, spacing and combining marks, Greek and Coptic, Greek Extended,
# Cyrillic, Latin Extended Additional, general punctuation, currency and letterlike symbols, arrows.
LATIN = span(0x20, 0x24F) | span(0x250, 0x2FF) | span(0x300, 0x36F) | span(0x370, 0x3FF) | span(0x400, 0x52F) \
    | span(0x1E00, 0x1FFF) | span(0x2000, 0x206F) | span(0x20A0, 0x20CF) | span(0x2100, 0x21FF) | span(0x2200, 0x22FF) \
    | span(0x25A0, 0x25FF) | {0xFFFD}
SHARED = span(0x3000, 0x303F) | span(0xFF00, 0xFFEF) | span(0x3200, 0x32FF) | {0x20}
KOREAN = span(0xAC00, 0xD7A3) | span(0x1100, 0x11FF) | span(0x3130, 0x318F) | span(0xA960, 0xA97F) \
    | span(0xD7B0, 0xD7FF) | ks_x_1001_hanja() | SHARED
CHINESE = span(0x4E00, 0x9FFF) | span(0x3040, 0x30FF) | span(0x31F0, 0x31FF) | span(0x3100, 0x312F) \
    | span(0xFE30, 0xFE4F) | SHARED


def options_for(layout_features):
    options = subset.Options()
    options.layout_features = layout_features
    options.name_IDs = ['*']
    options.name_languages = ['*']
    options.notdef_outline = True
    # Without subroutines pdfkit's per-document subsetting of these large fonts is several times faster.
    options.desubroutinize = True
    return options


def cut(ttc, family_name, unicodes, out):
    collection = TTCollection(os.path.join(CJK, ttc))
    face = next(f for f in collection.fonts if f['name'].getDebugName(1) == family_name)
    # No OpenType layout: the faces print CJK text only, and 'locl' would drag in the other
    # languages' glyph variants.
    subsetter = subset.Subsetter(options_for([]))
    subsetter.populate(unicodes=sorted(unicodes))
    subsetter.subset(face)
    face.save(os.path.join(HERE, out))


def latin(name):
    face = TTFont(os.path.join(NOTO, name))
    # Kerning only: full shaping is most of the time spent laying out a label.
    subsetter = subset.Subsetter(options_for(['kern']))
    subsetter.populate(unicodes=sorted(LATIN))
    subsetter.subset(face)
    face.save(os.path.join(HERE, name))


JOBS = {
    'latin': lambda: [latin(name) for name in ('NotoSans-Regular.ttf', 'NotoSans-Bold.ttf')],
    'kr-regular': lambda: cut('NotoSansCJK-Regular.ttc', 'Noto Sans CJK KR', KOREAN, 'NotoSansCJKkr-Regular-subset.otf'),
    'kr-bold': lambda: cut('NotoSansCJK-Bold.ttc', 'Noto Sans CJK KR', KOREAN, 'NotoSansCJKkr-Bold-subset.otf'),
    'sc-regular': lambda: cut('NotoSansCJK-Regular.ttc', 'Noto Sans CJK SC', CHINESE, 'NotoSansCJKsc-Regular-subset.otf'),
    'sc-bold': lambda: cut('NotoSansCJK-Bold.ttc', 'Noto Sans CJK SC', CHINESE, 'NotoSansCJKsc-Bold-subset.otf'),
}


def main():
    # Each job takes minutes; name some to rebuild only those (e.g. `latin kr-bold`).
    for job in sys.argv[1:] or JOBS:
        JOBS[job]()


if __name__ == '__main__':
    main()
