/**
 * Reads a V8 CPU profile (`node --cpu-prof`) into the few lines a person needs: the functions
 * that took the most time on their own (self) and with everything they called (total), as shares
 * of the busy time (samples neither idle nor waiting).
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

/** "name file:line", the file shortened to what follows node_modules/ or the checkout. */
function keyOf(frame: ProfileNode['callFrame']): string {
  const url = frame.url.replace(/^file:\/\//, '');
  const modules = url.lastIndexOf('node_modules/');
  const file = modules >= 0 ? url.slice(modules + 'node_modules/'.length) : url.replace(/^.*?\/(src|db|commands|bin|dist)\//, '$1/');
  return `${frame.functionName || '(anonymous)'}${file ? ` ${file}:${frame.lineNumber + 1}` : ''}`;
}

const NOT_BUSY = new Set(['(idle)', '(program)', '(root)']);
/** Our own code (source or bundle), as opposed to Node's, Bolt's or drizzle's. */
const isOurs = (frame: ProfileNode['callFrame']) => !frame.url.includes('node_modules') && /\/(src|db|commands|dist)\//.test(frame.url);

export function summariseProfile(profile: CpuProfile, top: number): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totalSamples = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
  const msPerSample = totalSamples ? (profile.endTime - profile.startTime) / 1000 / totalSamples : 0;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const ours = new Set<string>();
  let busy = 0;

  // Depth-first from the root, carrying the keys on the path so a recursive function counts once per sample.
  const walk = (id: number, path: Set<string>) => {
    const node = byId.get(id)!;
    const key = keyOf(node.callFrame);
    const hits = node.hitCount ?? 0;
    const busyNode = !NOT_BUSY.has(node.callFrame.functionName);
    if (isOurs(node.callFrame)) ours.add(key);
    const onPath = new Set(path);
    if (busyNode) onPath.add(key);
    if (hits && busyNode) {
      busy += hits;
      self.set(key, (self.get(key) ?? 0) + hits);
      for (const entry of onPath) if (ours.has(entry)) total.set(entry, (total.get(entry) ?? 0) + hits);
    }
    for (const child of node.children ?? []) walk(child, onPath);
  };
  walk(profile.nodes[0]!.id, new Set());

  const lines = (counts: Map<string, number>) =>
    [...counts.entries()]
      .sort((left, right) => right[1] - left[1])
      .slice(0, top)
      .map(([key, hits]) => `      ${((100 * hits) / busy).toFixed(1).padStart(5)} %  ${key}`);
  return [
    `    busy ${(busy * msPerSample).toFixed(0)} ms of ${(totalSamples * msPerSample).toFixed(0)} ms sampled`,
    '    self time:',
    ...lines(self),
    '    total time of our own functions (with what they call):',
    ...lines(total),
  ].join('\n');
}
