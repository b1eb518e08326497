//! Longest-prefix lookup over a fixed list of patterns: what the actor finder needs from its
//! gazetteer, title and body lists, which it only ever matches at chosen positions (word starts).
//!
//! Why not an Aho-Corasick automaton: every search here is anchored, so failure transitions are
//! never used, yet computing them was most of the engine's first-call set-up (in the browser's
//! wasm above all). A plain byte trie is built in one pass over the patterns and answers an
//! anchored leftmost-longest query exactly as the automaton did.

/// "No node" / "no pattern" marker.
const NONE: u32 = u32::MAX;

#[derive(Debug, Clone, Copy)]
struct Node {
    byte: u8,
    /// First child, or `NONE`.
    child: u32,
    /// Next child of the same parent, or `NONE`.
    sibling: u32,
    /// Index of the pattern ending here, or `NONE`.
    pattern: u32,
}

/// A set of byte patterns, each with its index in the list it was built from.
///
/// Guarantee: [`Trie::longest_prefix`] returns the longest pattern that is a prefix of the
/// haystack (with ASCII letters compared case-insensitively when built with `fold`); when the
/// same pattern occurs twice in the list, the first index is the one reported.
#[derive(Debug, Clone)]
pub struct Trie {
    /// Node reached by each first byte, or `NONE`.
    root: Vec<u32>,
    nodes: Vec<Node>,
    /// Index of the empty pattern, if the list holds one.
    empty: u32,
    fold: bool,
}

impl Trie {
    /// Builds the trie of `patterns`; with `fold`, ASCII letters match regardless of case.
    pub fn new<P: AsRef<[u8]>>(patterns: &[P], fold: bool) -> Trie {
        let total: usize = patterns.iter().map(|p| p.as_ref().len()).sum();
        let mut t = Trie {
            root: vec![NONE; 256],
            nodes: Vec::with_capacity(total),
            empty: NONE,
            fold,
        };
        for (id, p) in patterns.iter().enumerate() {
            t.insert(p.as_ref(), id as u32);
        }
        t
    }

    #[inline]
    fn fold_byte(&self, b: u8) -> u8 {
        if self.fold {
            b.to_ascii_lowercase()
        } else {
            b
        }
    }

    fn insert(&mut self, pattern: &[u8], id: u32) {
        let mut cur = NONE;
        for &b in pattern {
            let b = self.fold_byte(b);
            let found = if cur == NONE {
                self.root[b as usize]
            } else {
                self.child(cur, b)
            };
            cur = if found != NONE {
                found
            } else {
                let new = self.nodes.len() as u32;
                let sibling = if cur == NONE {
                    NONE
                } else {
                    self.nodes[cur as usize].child
                };
                self.nodes.push(Node {
                    byte: b,
                    child: NONE,
                    sibling,
                    pattern: NONE,
                });
                if cur == NONE {
                    self.root[b as usize] = new;
                } else {
                    self.nodes[cur as usize].child = new;
                }
                new
            };
        }
        // The first of equal patterns keeps the spot, as with the automaton it replaces.
        let slot = if cur == NONE {
            &mut self.empty
        } else {
            &mut self.nodes[cur as usize].pattern
        };
        if *slot == NONE {
            *slot = id;
        }
    }

    #[inline]
    fn child(&self, node: u32, b: u8) -> u32 {
        let mut c = self.nodes[node as usize].child;
        while c != NONE && self.nodes[c as usize].byte != b {
            c = self.nodes[c as usize].sibling;
        }
        c
    }

    /// The longest pattern that `hay` starts with: (its index, its length in bytes).
    pub fn longest_prefix(&self, hay: &[u8]) -> Option<(usize, usize)> {
        let mut best = (self.empty != NONE).then_some((self.empty as usize, 0));
        let Some(&first) = hay.first() else {
            return best;
        };
        let mut node = self.root[self.fold_byte(first) as usize];
        let mut len = 1;
        while node != NONE {
            let n = self.nodes[node as usize];
            if n.pattern != NONE {
                best = Some((n.pattern as usize, len));
            }
            let Some(&b) = hay.get(len) else { break };
            node = self.child(node, self.fold_byte(b));
            len += 1;
        }
        best
    }

    /// The index of the pattern equal to `s`, if any.
    pub fn exact(&self, s: &str) -> Option<usize> {
        self.longest_prefix(s.as_bytes())
            .filter(|&(_, len)| len == s.len())
            .map(|(p, _)| p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_prefix_first_duplicate_and_case() {
        let t = Trie::new(&["Korea", "Korean", "North Korea", "Korea", "K"], false);
        assert_eq!(t.longest_prefix(b"Koreans"), Some((1, 6)));
        assert_eq!(t.longest_prefix(b"Korea!"), Some((0, 5)));
        assert_eq!(t.longest_prefix(b"Kor"), Some((4, 1)));
        assert_eq!(t.longest_prefix(b"korea"), None);
        assert_eq!(t.longest_prefix(b""), None);
        assert_eq!(t.exact("North Korea"), Some(2));
        assert_eq!(t.exact("North"), None);
        let f = Trie::new(&["foreign ministry", "foreign minister"], true);
        assert_eq!(f.longest_prefix(b"Foreign MINISTER said"), Some((1, 16)));
        let e = Trie::new(&["", "a"], false);
        assert_eq!(e.longest_prefix(b"b"), Some((0, 0)));
        assert_eq!(e.longest_prefix(b"ab"), Some((1, 1)));
    }
}
