// What a passing e2e run must show (the short run in the test command asserts these).
export function checkRun(report) {
  const failures = [];
  const honest = report.rows.filter((r) => !r.corrupt);
  for (const r of honest) {
    if (r.error) failures.push(`${r.name}: ${r.error}`);
    if (r.startupMs === null) failures.push(`${r.name}: never started playing`);
    if (r.segmentsPlayed < 3) failures.push(`${r.name}: played ${r.segmentsPlayed} segments (< 3)`);
    if (r.corruptedPlayed > 0) failures.push(`${r.name}: ${r.corruptedPlayed} corrupted segments reached the player`);
  }
  const t = report.total;
  if (!(t.p2pBytes > 0)) failures.push('no byte came from a peer');
  // The clients' own count of CDN bytes must agree with the CDN's (within playlist-free slack:
  // aborted transfers count on the server before the client sees them).
  if (t.cdnServedSegmentBytes < 0.9 * t.cdnBytes) {
    failures.push(`clients report ${t.cdnBytes} CDN bytes but the CDN served ${t.cdnServedSegmentBytes}`);
  }
  const liar = report.rows.find((r) => r.corrupt);
  const bans = honest.reduce((n, r) => n + (r.extra?.peersBanned ?? 0), 0);
  if (liar && liar.uploadedBytes > 0 && bans === 0) {
    failures.push(`${liar.name} uploaded ${liar.uploadedBytes} corrupted bytes and nobody banned it`);
  }
  if (liar && liar.uploadedBytes === 0) failures.push(`${liar.name} never uploaded: the ban was not exercised`);
  return failures;
}
