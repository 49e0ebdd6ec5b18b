import { EMPTY_ROOT, type Hash, leafHash, nodeHash } from './hash.js';
import { foldRight, type NodeId } from './merkle.js';

/** A stored node: its position and hash. */
export interface StoredNode extends NodeId {
  hash: Hash;
}

/**
 * The right edge of a tree (a "compact range" from 0, as transparency-dev's
 * `compact` package calls it): the perfect subtrees `perfectNodes(0, size)`.
 * That is all an appender needs: adding leaves completes nodes only along it.
 */
export class CompactRange {
  private constructor(
    private size: number,
    private readonly nodes: StoredNode[],
  ) {}

  /** The edge of a tree of `size` leaves; `nodes` are `perfectNodes(0, size)` with their hashes, left to right. */
  static of(size: number, nodes: StoredNode[]): CompactRange {
    return new CompactRange(size, [...nodes]);
  }

  get treeSize(): number {
    return this.size;
  }

  /** Appends one entry and returns every node it completes, its leaf first, so the caller can store them. */
  append(entry: Uint8Array): StoredNode[] {
    return this.appendLeafHash(leafHash(entry));
  }

  appendLeafHash(hash: Hash): StoredNode[] {
    let node: StoredNode = { level: 0, index: this.size, hash };
    const made = [node];
    // Two neighbours of the same height always merge: the left one is even-indexed.
    while (this.nodes.length > 0 && this.nodes[this.nodes.length - 1]!.level === node.level) {
      const left = this.nodes.pop()!;
      node = { level: node.level + 1, index: left.index / 2, hash: nodeHash(left.hash, node.hash) };
      made.push(node);
    }
    this.nodes.push(node);
    this.size++;
    return made;
  }

  /** MTH of the tree so far (RFC 9162 §2.1.1). */
  root(): Hash {
    return this.nodes.length === 0 ? EMPTY_ROOT : foldRight(this.nodes.map((n) => n.hash));
  }
}
