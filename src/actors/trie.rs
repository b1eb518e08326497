//! Longest-prefix lookup over a fixed list of patterns: what the actor finder needs from its
//! gazetteer, title and body lists, which it only ever matches at chosen positions (word starts).
//!
//! Why not an Aho-Corasick automaton: every search here is anchored, so failure transitions are
//! never used, yet computing them was most of the engine's first-call set-up (in the browser's
//! wasm above all). A plain byte trie is built in one pass over the patterns and answers an
//! anchored leftmost-longest query exactly as the automaton did (a property test holds it to
//! `aho-corasick`'s answers). Unanchored multi-pattern search, should the engine need it, is
//! still `aho-corasick`'s job.

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
    /// Used while building only: children as linked lists.
    nodes: Vec<Node>,
    /// The children of node `n` are `edge_to[edge_start[n]..edge_start[n + 1]]`, reached by the
    /// bytes at the same places of `edge_byte`: a search scans a few adjacent bytes per step
    /// rather than following links through memory.
    edge_start: Vec<u32>,
    edge_byte: Vec<u8>,
    edge_to: Vec<u32>,
    /// For each node, the index of the pattern ending there, or `NONE`.
    pattern: Vec<u32>,
    /// Bit `b0 * 256 + b1` is set when some pattern starts with bytes `b0 b1` (or is the one
    /// byte `b0`): most words are turned away by this test alone, before any walk.
    pairs: Vec<u64>,
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
            edge_start: Vec::new(),
            edge_byte: Vec::new(),
            edge_to: Vec::new(),
            pattern: Vec::new(),
            pairs: vec![0; 65536 / 64],
            empty: NONE,
            fold,
        };
        for (id, p) in patterns.iter().enumerate() {
            t.insert(p.as_ref(), id as u32);
        }
        t.flatten();
        t
    }

    /// Lays the children of each node out side by side (see `edge_start`).
    fn flatten(&mut self) {
        let nodes = std::mem::take(&mut self.nodes);
        self.edge_start = Vec::with_capacity(nodes.len() + 1);
        self.edge_byte = Vec::with_capacity(nodes.len());
        self.edge_to = Vec::with_capacity(nodes.len());
        self.pattern = nodes.iter().map(|n| n.pattern).collect();
        for n in &nodes {
            self.edge_start.push(self.edge_to.len() as u32);
            let mut c = n.child;
            while c != NONE {
                self.edge_byte.push(nodes[c as usize].byte);
                self.edge_to.push(c);
                c = nodes[c as usize].sibling;
            }
        }
        self.edge_start.push(self.edge_to.len() as u32);
    }

    /// False only when no pattern can be a prefix of `hay` (judged by its first two bytes): a
    /// cheap test before [`Trie::longest_prefix`].
    #[inline]
    pub fn may_start(&self, hay: &[u8]) -> bool {
        if self.empty != NONE {
            return true;
        }
        match *hay {
            [] => false,
            [b0] => self.root[self.fold_byte(b0) as usize] != NONE,
            [b0, b1, ..] => {
                let k = (self.fold_byte(b0) as usize) << 8 | self.fold_byte(b1) as usize;
                self.pairs[k / 64] & (1 << (k % 64)) != 0
            }
        }
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
        match *pattern {
            [] => {}
            [b0] => {
                let b0 = self.fold_byte(b0) as usize;
                for w in &mut self.pairs[b0 * 4..b0 * 4 + 4] {
                    *w = u64::MAX;
                }
            }
            [b0, b1, ..] => {
                let k = (self.fold_byte(b0) as usize) << 8 | self.fold_byte(b1) as usize;
                self.pairs[k / 64] |= 1 << (k % 64);
            }
        }
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

    /// While building: the child of `node` by byte `b`, or `NONE`.
    fn child(&self, node: u32, b: u8) -> u32 {
        let mut c = self.nodes[node as usize].child;
        while c != NONE && self.nodes[c as usize].byte != b {
            c = self.nodes[c as usize].sibling;
        }
        c
    }

    /// Once built: the child of `node` by byte `b`, or `NONE`.
    #[inline]
    fn step(&self, node: u32, b: u8) -> u32 {
        let (s, e) = (
            self.edge_start[node as usize] as usize,
            self.edge_start[node as usize + 1] as usize,
        );
        match self.edge_byte[s..e].iter().position(|&x| x == b) {
            Some(k) => self.edge_to[s + k],
            None => NONE,
        }
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
            let p = self.pattern[node as usize];
            if p != NONE {
                best = Some((p as usize, len));
            }
            let Some(&b) = hay.get(len) else { break };
            node = self.step(node, self.fold_byte(b));
            len += 1;
        }
        best
    }

    /// Every match in `hay`, unanchored, leftmost-longest and without overlaps, as
    /// (start, end, pattern index): the longest pattern at the first position where one
    /// starts, then the same from its end on. For measuring and tests; the scanner only looks
    /// at word starts.
    pub fn find_iter<'a>(
        &'a self,
        hay: &'a str,
    ) -> impl Iterator<Item = (usize, usize, usize)> + 'a {
        let bytes = hay.as_bytes();
        let mut at = 0;
        std::iter::from_fn(move || {
            while at < bytes.len() {
                let here = at;
                if let Some((p, len)) = self.longest_prefix(&bytes[here..]) {
                    // An empty match still moves on, so the search ends.
                    at = here + len.max(1);
                    return Some((here, here + len, p));
                }
                at += 1;
            }
            None
        })
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
    use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};
    use proptest::prelude::*;

    proptest! {
        /// The trie answers exactly as the anchored leftmost-longest Aho-Corasick automaton it
        /// replaced, duplicates, prefixes of one another and case folding included.
        #[test]
        fn agrees_with_aho_corasick(
            patterns in proptest::collection::vec("[abAB ]{1,4}", 1..12),
            hay in "[abAB ]{0,8}",
            fold: bool,
        ) {
            let trie = Trie::new(&patterns, fold);
            let ac = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .start_kind(StartKind::Anchored)
                .ascii_case_insensitive(fold)
                .build(&patterns)
                .unwrap();
            let want = ac
                .find(Input::new(&hay).anchored(Anchored::Yes))
                .map(|m| (m.pattern().as_usize(), m.end()));
            prop_assert_eq!(trie.longest_prefix(hay.as_bytes()), want);
            if want.is_some() {
                prop_assert!(trie.may_start(hay.as_bytes()));
            }
        }
    }

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
        assert!(t.may_start(b"Ko") && t.may_start(b"Kx") && t.may_start(b"No"));
        assert!(!t.may_start(b"Nx") && !t.may_start(b"x") && !t.may_start(b""));
        let f = Trie::new(&["foreign ministry", "foreign minister"], true);
        assert_eq!(f.longest_prefix(b"Foreign MINISTER said"), Some((1, 16)));
        assert!(f.may_start(b"FOreign") && !f.may_start(b"Fa"));
        let all: Vec<_> = t.find_iter("Koreans, North Korea").collect();
        assert_eq!(all, [(0, 6, 1), (9, 20, 2)]);
        let e = Trie::new(&["", "a"], false);
        assert_eq!(e.longest_prefix(b"b"), Some((0, 0)));
        assert_eq!(e.longest_prefix(b"ab"), Some((1, 1)));
    }
}
