import { it } from 'vitest';
import northEast from '../../criteria/frameworks/north-east.json';
import sw from '../../criteria/frameworks/south-west-parents-supplement.json';
import { formatProblem, loadFrameworkValue } from '../../shared/framework/framework-loader';

type J = Record<string, any>;
it('explore', async () => {
  const cases: [string, J, (f: J) => void][] = [
    ['extends on fw', northEast, (f) => (f.extends = 'southern')],
    ['fv2', northEast, (f) => (f.formatVersion = 2)],
    ['no scale', northEast, (f) => delete f.scale],
    ['metAt', northEast, (f) => (f.scale.metAtOrAbove = 'good')],
    ['award order', northEast, (f) => f.awards.reverse()],
    ['strand id', northEast, (f) => (f.strands[1].id = 'NE-9')],
    ['strand prefix', northEast, (f) => (f.strands[1].id = 'XX-2')],
    ['selector level', northEast, (f) => (f.awards[0].requires[1].criteria.levels = ['gold'])],
    ['strands not array', northEast, (f) => (f.strands = {})],
    ['null', northEast, (f) => (f.title = null)],
    ['supp no extends', sw, (f) => delete f.extends],
    ['supp levels', sw, (f) => (f.levels = [])],
  ];
  for (const [name, base, mutate] of cases) {
    const f = structuredClone(base) as J;
    mutate(f);
    const r = await loadFrameworkValue('x.json', f);
    console.log(name, r.ok ? 'OK' : r.problems.map(formatProblem));
  }
  for (const v of [null, 42, 'text', []]) {
    const r = await loadFrameworkValue('x.json', v);
    console.log(JSON.stringify(v), r.ok ? 'OK' : r.problems.map(formatProblem));
  }
});
