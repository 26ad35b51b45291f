// Written by build/shipped-content-hashes.ts ("npm run types:generate") after every file in
// criteria/ passed every check: do not edit. "npm run types:check" fails when it no longer matches.

/** Each shipped framework file's content hash, by file name (what loadShippedData's start uses). */
export const SHIPPED_CONTENT_HASHES: Readonly<Record<string, string>> = {
  'north-east-2026.json': '6843a27996e20cc06f671d4eeef476101ad6a20998c53398da916b31d7ea3bf6',
  'southern-2026.json': '762019a416ae4aa19002d679346a2f73d79935846964dfb53b6512c3bd77e94c',
  'south-west-parents-supplement-2026.json': '1fbaa4c49071dcdba99d65eaefe06f05fcfeea98f01c99555474f9d574f18b57',
  'north-east.json': '0af281e1b1f153d9dbad3f6c0643f6c273e66611a30687885b0ebc8b3863bf89',
  'southern.json': '6530ebdcbbbd0ae13ae3ef193d626c1802153d7a26a5c8cfd9a9d9c25c8bd404',
  'south-west-parents-supplement.json': '8fffb87377ede08a2eb9c27e71e8557cdee984613f6ae1f96e0de6fd53cab31d',
};
