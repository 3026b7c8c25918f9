/**
 * `npm run bench:search`: the directive search over a library of 5,000 realistic directives.
 *
 * Builds the library in an in-memory database with the real migrations, through the real store
 * (so the search index is written as in production), then times a mix of number and keyword
 * searches through the same function the slash command uses (parse, search, suggestions when
 * nothing is found, Block Kit) and prints p50/p95/p99/max per search. Two baselines are timed in
 * the same run on the same database — a primary-key read and a naive LIKE scan over titles — and
 * the search is reported as a ratio of them, since the machine is shared. Target: p99 ≤ 10 ms.
 */

import { sql } from 'drizzle-orm';
import { searchReply } from '../commands/directive';
import { openDatabase } from '../db/client';
import { createStore } from '../db/store';
import type { DirectiveInput } from '../src/domain/directive';
import { directiveNumberKey } from '../src/domain/directive-number';
import { parseDirectiveQuery } from '../src/domain/directive-query';
import { foldVietnamese } from '../src/domain/fold';

const LIBRARY_SIZE = 5_000;
const SEARCHES = 3_000;
const WARM_UP = 300;
const TARGET_P99_MS = 10;
const TODAY = '2025-09-01';

// A small deterministic generator, so every run searches the same library.
let seed = 20_240_615;
function random(): number {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));

/** How each kind is numbered in practice (ordinal, year) → number. */
const NUMBERING: Record<string, ((n: number, year: number) => string)[]> = {
  'Chỉ thị': [(n) => `${n}-CT/TW`, (n) => `${n}-CT/TU`, (n) => `${n}/CT-TTg`, (n) => `${n}/CT-UBND`],
  'Nghị quyết': [(n) => `${n}-NQ/TW`, (n, y) => `${n}/${y}/NQ-HĐND`, (n) => `${n}/NQ-CP`],
  Luật: [(n, y) => `${String(n).padStart(2, '0')}/${y}/QH${Math.max(11, Math.min(15, Math.floor((y - 2002) / 5) + 11))}`],
  'Nghị định': [(n, y) => `${n}/${y}/NĐ-CP`],
  'Thông tư': [(n, y) => `${String(n).padStart(2, '0')}/${y}/TT-${pick(['BNV', 'BTC', 'BGDĐT', 'BLĐTBXH', 'BYT', 'BTTTT'])}`],
  'Kế hoạch': [(n) => `${n}/KH-UBND`, (n) => `${n}/KH-BTĐKT`, (n) => `${n}/KH-SNV`],
  'Công văn': [(n) => `${n}/UBND-${pick(['TH', 'TH2', 'VX', 'NC', 'KT'])}`, (n) => `${n}/SNV-TĐKT`, (n) => `${n}/SKHĐT-VP`],
  'Hướng dẫn': [(n) => `${n}/HD-BTĐKT`, (n) => `${n}-HD/BTGTW`, (n) => `${n}/HD-SNV`],
  'Kết luận': [(n) => `${n}-KL/TW`, (n) => `${n}-KL/TU`],
  'Quyết định': [(n) => `${n}/QĐ-UBND`, (n) => `${n}/QĐ-TTg`, (n) => `${n}/QĐ-BTĐKT`],
  'Thông báo': [(n) => `${n}/TB-VPCP`, (n) => `${n}-TB/TU`, (n) => `${n}/TB-UBND`],
  'Quy định': [(n) => `${n}-QĐi/TW`, (n) => `${n}-QĐi/TU`],
  'Quy chế': [(n) => `${n}/QC-UBND`, (n) => `${n}-QC/TU`],
  'Chương trình': [(n) => `${n}-CTr/TU`, (n) => `${n}/CTr-UBND`],
  'Đề án': [(n) => `${n}-ĐA/TU`, (n) => `${n}/ĐA-UBND`],
};
const DIRECTIVE_KINDS = Object.keys(NUMBERING);

const ISSUERS = [
  'Bộ Chính trị',
  'Ban Bí thư',
  'Quốc hội',
  'Chính phủ',
  'Thủ tướng Chính phủ',
  'Bộ Nội vụ',
  'Ban Thi đua – Khen thưởng Trung ương',
  'Ban Thường vụ Tỉnh ủy Vĩnh Phúc',
  'UBND tỉnh Vĩnh Phúc',
  'Hội đồng nhân dân tỉnh',
  'Sở Nội vụ',
  'Ban Thi đua – Khen thưởng tỉnh',
  'Sở Kế hoạch và Đầu tư',
  'Sở Giáo dục và Đào tạo',
  'Ủy ban nhân dân thành phố Vĩnh Yên',
];
const ACTIONS = [
  'Về việc triển khai',
  'Về tăng cường',
  'Về đẩy mạnh',
  'Hướng dẫn thực hiện',
  'Tổ chức',
  'Về kiện toàn',
  'Tổng kết',
  'Phát động',
  'Ban hành quy chế',
  'Về tiếp tục đổi mới',
  'Quy định chi tiết',
];
const TOPICS = [
  'công tác thi đua, khen thưởng',
  'phong trào thi đua yêu nước',
  'chuyển đổi số',
  'cải cách hành chính',
  'xây dựng nông thôn mới',
  'điển hình tiên tiến',
  'học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
  'phòng, chống tham nhũng, tiêu cực',
  'thực hành tiết kiệm, chống lãng phí',
  'văn hóa công sở',
  'bảo đảm trật tự an toàn giao thông',
  'giảm nghèo bền vững',
  'Hội đồng Thi đua – Khen thưởng',
  'hoạt động của các cụm, khối thi đua',
  'xét tặng danh hiệu Chiến sĩ thi đua',
  'Cờ thi đua của UBND tỉnh',
  'Bằng khen của Chủ tịch UBND tỉnh',
  'đăng ký giao ước thi đua',
  'chấm điểm, xếp hạng các đơn vị',
  'cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở',
];
const SCOPES = [
  'năm 2021',
  'năm 2022',
  'giai đoạn 2021 – 2025',
  'giai đoạn 2026 – 2030',
  'trên địa bàn tỉnh',
  'trong các cơ quan, đơn vị',
  'cấp xã, phường',
  'trong tình hình mới',
  'của ngành giáo dục',
  'của lực lượng vũ trang',
];
const SENTENCES = [
  (topic: string) => `Quy định trách nhiệm của các cơ quan, đơn vị trong ${topic}.`,
  (topic: string) => `Yêu cầu các sở, ban, ngành quán triệt và tổ chức thực hiện nghiêm ${topic}.`,
  (topic: string) => `Hướng dẫn quy trình, hồ sơ đề nghị khen thưởng gắn với ${topic}.`,
  (topic: string) => `Có hiệu lực kể từ ngày ký; thay thế các văn bản trước đây về ${topic}.`,
  (topic: string) => `Báo cáo kết quả về Ban Thi đua – Khen thưởng tỉnh trước ngày 10 tháng 12 hằng năm; nội dung gắn với ${topic}.`,
];
const TAGS = [
  'thi đua',
  'khen thưởng',
  'chuyển đổi số',
  'cải cách hành chính',
  'nông thôn mới',
  'điển hình tiên tiến',
  'văn hóa công sở',
  'giảm nghèo',
  'khối thi đua',
  'cụm thi đua',
  'danh hiệu thi đua',
  'hình thức khen thưởng',
  'kỷ luật',
  'tiết kiệm',
];

function generateLibrary(): DirectiveInput[] {
  const library: DirectiveInput[] = [];
  const seen = new Set<string>();
  while (library.length < LIBRARY_SIZE) {
    const kind = pick(DIRECTIVE_KINDS);
    const year = between(1995, 2025);
    const ordinal =
      kind === 'Luật' || kind === 'Thông tư'
        ? between(1, 60)
        : kind === 'Công văn' || kind === 'Quyết định'
          ? between(1, 9999)
          : between(1, 400);
    const number = pick(NUMBERING[kind]!)(ordinal, year);
    if (seen.has(directiveNumberKey(number))) continue;
    seen.add(directiveNumberKey(number));
    const topic = pick(TOPICS);
    library.push({
      number,
      kind,
      issuer: pick(ISSUERS),
      issuedOn: `${year}-${String(between(1, 12)).padStart(2, '0')}-${String(between(1, 28)).padStart(2, '0')}`,
      title: `${pick(ACTIONS)} ${topic} ${pick(SCOPES)}`,
      summary: random() < 0.8 ? Array.from({ length: between(1, 3) }, () => pick(SENTENCES)(pick(TOPICS))).join(' ') : null,
      url: random() < 0.5 ? `https://vanban.vinhphuc.gov.vn/${encodeURIComponent(number)}` : null,
      tags: [...new Set(Array.from({ length: between(1, 4) }, () => pick(TAGS)))],
      // About one in ten no longer in force, as in a real library.
      expiredOn: random() < 0.1 ? `${Math.min(year + between(1, 10), 2025)}-01-01` : null,
      replacedBy: null,
    });
  }
  return library;
}

/** Number queries typed the ways officials type them, from numbers that exist. */
function numberQuery(directive: DirectiveInput): string {
  const parts = directive.number.split(/[-/]/);
  const ordinal = String(Number(parts[0]));
  const code = {
    'Chỉ thị': 'ct',
    'Nghị quyết': 'nq',
    'Nghị định': 'nd',
    'Thông tư': 'tt',
    'Kế hoạch': 'kh',
    'Quyết định': 'qd',
    'Hướng dẫn': 'hd',
    'Kết luận': 'kl',
    'Công văn': 'cv',
    Luật: 'luat',
  }[directive.kind];
  const year = /\/(\d{4})\//.exec(directive.number)?.[1];
  return pick([
    directive.number,
    directive.number.replace(/-/g, '#').replace(/\//g, '-').replace(/#/g, '/'),
    ordinal,
    `${code} ${ordinal}`,
    `${foldVietnamese(directive.kind)} ${ordinal}`,
    `${directive.kind.toLowerCase()} số ${ordinal}`,
    year ? `${parts[0]}/${year}` : `${ordinal} ${code}`,
  ]);
}

const KEYWORD_QUERIES = [
  'thi dua khen thuong',
  'khen thu',
  'chuyen doi so',
  'cai cach hanh chinh',
  'dien hinh tien tien',
  'hoc tap va lam theo',
  'nong thon moi',
  'van hoa cong so',
  'chien si thi dua',
  'co thi dua ubnd tinh',
  'bang khen chu tich',
  'giao uoc thi dua',
  'cum khoi thi dua',
  'hoi dong thi dua khen thuong',
  'tiet kiem chong lang phi',
  'phong chong tham nhung',
  'giam ngheo ben vung',
  'an toan giao thong',
  'thi đua yêu nước',
  'Chuyển đổi số năm 2022',
  'luat thi dua',
  'nghi dinh khen thuong',
  'quy che hoat dong',
  'thuongg',
  'xyzzy thi dua',
  'qwzrtx',
];

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

function summarise(label: string, samples: number[]): { p50: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const figures = { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), p99: percentile(sorted, 0.99), max: sorted.at(-1)! };
  const ms = (value: number) => value.toFixed(3).padStart(8);
  console.log(
    `${label.padEnd(34)} n=${String(samples.length).padStart(5)}  p50 ${ms(figures.p50)}  p95 ${ms(figures.p95)}  p99 ${ms(figures.p99)}  max ${ms(figures.max)}  ms`,
  );
  return figures;
}

function time(work: () => unknown): number {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const handle = openDatabase(':memory:');
const store = createStore(handle.db);
const library = generateLibrary();
const buildMs = time(() =>
  store.transaction((tx) => {
    for (const directive of library) tx.directives.add(directive, 'U0BENCH', new Date(0));
  }),
);
const stored = store.directives.count();
console.log(
  `library: ${stored} directives (${DIRECTIVE_KINDS.length} kinds) written through the store with their search rows in ${buildMs.toFixed(0)} ms`,
);

const queries: { kind: 'number' | 'keyword'; text: string; expected?: string }[] = Array.from({ length: SEARCHES }, (_, index) => {
  if (index % 2 === 0) {
    // One number query in twenty names a number nobody issued: the reply then suggests close ones.
    if (index % 40 === 0)
      return { kind: 'number', text: `${pick(['chi thi', 'quyet dinh', 'cong van', 'nd'])} ${between(10_000, 99_999)}` };
    const directive = pick(library);
    return { kind: 'number', text: numberQuery(directive), expected: directive.number };
  }
  return { kind: 'keyword', text: pick(KEYWORD_QUERIES) };
});

for (let index = 0; index < WARM_UP; index++) searchReply(store, queries[index % queries.length]!.text, 0, 'vi', TODAY);

const timings = { number: [] as number[], keyword: [] as number[] };
let exactFirst = 0;
let exactTotal = 0;
for (const query of queries) {
  timings[query.kind].push(time(() => searchReply(store, query.text, 0, 'vi', TODAY)));
  // Sanity: a whole number typed (either separator order) must come back first.
  if (query.expected && /[a-z]/i.test(query.text) && /\d/.test(query.text) && /[-/]/.test(query.text) && !/\s/.test(query.text)) {
    exactTotal += 1;
    const first = store.directives.search(parseDirectiveQuery(query.text), { offset: 0, limit: 1 }, TODAY).hits[0]?.directive.number;
    if (first === query.expected) exactFirst += 1;
  }
}

const ids = library.map((_, index) => index + 1);
const byId = Array.from({ length: SEARCHES }, () => time(() => store.directives.byId(pick(ids))));
const like = Array.from({ length: SEARCHES }, () => {
  const words = pick(TOPICS).split(' ').slice(0, 2).join(' ');
  return time(() => handle.db.all(sql`select id from directives where title like ${`%${words}%`} order by issued_on desc limit 5`));
});

console.log(
  `\n${SEARCHES} searches (half number — 1 in 20 of them unknown — and half keyword; each = parse + search + suggestions when nothing matches + Block Kit), after ${WARM_UP} to warm up:`,
);
const numberFigures = summarise('search: number queries', timings.number);
const keywordFigures = summarise('search: keyword queries', timings.keyword);
const all = summarise('search: all', [...timings.number, ...timings.keyword]);
console.log('\nbaselines, same run, same database:');
const idFigures = summarise('select … where id = ? (drizzle)', byId);
const likeFigures = summarise("title like '%…%' scan, top 5", like);
console.log(
  `\nratios: search p50 = ${(all.p50 / idFigures.p50).toFixed(1)}× a primary-key read, ${(all.p50 / likeFigures.p50).toFixed(2)}× a LIKE scan; p99 = ${(all.p99 / likeFigures.p99).toFixed(2)}× the LIKE scan's p99`,
);
console.log(`number queries p99 ${numberFigures.p99.toFixed(3)} ms, keyword queries p99 ${keywordFigures.p99.toFixed(3)} ms`);
console.log(`whole numbers typed (${exactTotal}): the directive came first ${exactFirst} times`);
console.log(`target p99 ≤ ${TARGET_P99_MS} ms: ${all.p99 <= TARGET_P99_MS ? 'met' : 'MISSED'} (${all.p99.toFixed(3)} ms)`);
handle.close();
