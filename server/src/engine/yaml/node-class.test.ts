import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isAlias, isMap, isPair, isScalar, isSeq, visit } from 'yaml';
import { parseYamlSegment } from './model';
import { isAliasNode, isMapNode, isPairNode, isScalarNode, isSeqNode } from './node-class';

describe('node class guards', () => {
  it('agree with yaml\'s own guards on every node of parsed documents, tagged collections too', () => {
    const text =
      'a: &x 1\nb: *x\nc: !!set {a, b}\nd: !!omap [a: 1]\ne: !!pairs [a: 1]\n? [k]\n: v\nf: |+\n  text\n\ng: {h: [1, "2", \'3\', ~]}\ni: !reset {}\nj: !custom 1\n<<: {k: 1}\n';
    const doc = parseYamlSegment('compose', text, 0).doc;
    let nodes = 0;
    let pairs = 0;
    visit(doc, {
      Node(_key, node) {
        nodes++;
        assert.equal(isScalarNode(node), isScalar(node));
        assert.equal(isMapNode(node), isMap(node));
        assert.equal(isSeqNode(node), isSeq(node));
        assert.equal(isAliasNode(node), isAlias(node));
      },
      Pair(_key, pair) {
        pairs++;
        assert.equal(isPairNode(pair), isPair(pair));
        assert.equal(isPairNode(pair.key) || isPairNode(pair.value), false);
      },
    });
    assert.ok(pairs > 10);
    assert.ok(nodes > 25);
    for (const other of [undefined, null, 1, 'a', {}, doc]) {
      assert.equal(isScalarNode(other) || isMapNode(other) || isSeqNode(other) || isAliasNode(other) || isPairNode(other), false);
    }
  });
});
