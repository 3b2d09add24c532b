// The host's playlist parsing: media sequence, count, end list, digests, master playlists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMediaPlaylist, parseDigests, firstVariant, PlaylistState } from '../src/playlist.js';

const kLive = ['#EXTM3U', '#EXT-X-TARGETDURATION:2', '#EXT-X-MEDIA-SEQUENCE:41', '#EXTINF:2.000,',
               'a41.ts', '#EXTINF:2.000,', 'sub/a42.ts', ''].join('\n');

test('a live media playlist gives sequence numbers from #EXT-X-MEDIA-SEQUENCE', () => {
  const p = parseMediaPlaylist(kLive, 'http://cdn/x/index.m3u8');
  assert.equal(p.ended, false);
  assert.deepEqual(p.segments.map((s) => [s.seq, s.url]),
                   [[41, 'http://cdn/x/a41.ts'], [42, 'http://cdn/x/sub/a42.ts']]);
  assert.equal(parseMediaPlaylist(`${kLive}#EXT-X-ENDLIST\n`, 'http://cdn/').ended, true);
  assert.throws(() => parseMediaPlaylist('not a playlist', 'http://cdn/'));
});

test('digest sidecars: one "uri hex" per line, malformed lines skipped', () => {
  const hex = 'ab'.repeat(32);
  const d = parseDigests(`a41.ts ${hex}\nbroken\na42.ts 1234\n`);
  assert.deepEqual([...d], [['a41.ts', hex]]);
});

test('a master playlist is followed to its first variant', async () => {
  const master = '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=800000\nlow/index.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=2000000\nhigh/index.m3u8\n';
  assert.equal(firstVariant(master, 'http://cdn/m.m3u8'), 'http://cdn/low/index.m3u8');
  assert.equal(firstVariant(kLive, 'http://cdn/'), null);
  const files = { 'http://cdn/m.m3u8': master, 'http://cdn/low/index.m3u8': kLive,
                  'http://cdn/low/index.m3u8.sha256': `a41.ts ${'cd'.repeat(32)}\n` };
  const fetch = async (url) => (files[url] ? new Response(files[url]) : new Response('', { status: 404 }));
  const state = new PlaylistState('http://cdn/m.m3u8', fetch);
  assert.deepEqual(await state.reload(), { firstSeq: 41, endSeq: 43, ended: false });
  assert.equal(state.segmentUrl(42), 'http://cdn/low/sub/a42.ts');
  assert.equal(state.digestOf(41), 'cd'.repeat(32));
  assert.equal(state.digestOf(42), undefined);
  const stream = state.streamDescription(3, [1e6]);
  assert.deepEqual([stream.live, stream.segmentDurationUs, stream.playlistWindowSegments], [true, 2e6, 2]);
});
