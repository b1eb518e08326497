//! Collections the engine shares.
//!
//! [`Map`] and [`Set`] are hash tables with the Fx hasher (rustc's): several times faster than
//! std's SipHash on the engine's short keys (words, index pairs), and smaller in the wasm. It
//! offers no defence against keys chosen to collide; an article could at worst slow its own
//! reader's tab, which it can do anyway by being long.
//!
//! [`sort_by`] and [`sort_by_key`] are stable sorts whose sorting code is compiled once for the
//! whole engine: every call orders a list of indices through one `dyn` comparator, then moves
//! the elements into place. `slice::sort_by` is instantiated afresh for each element type and
//! closure, which made sorting code a fifth of the wasm module.

use std::cmp::Ordering;

/// A hash map with the Fx hasher; build one with `Map::default()`.
pub type Map<K, V> = rustc_hash::FxHashMap<K, V>;

/// A hash set with the Fx hasher; build one with `Set::default()`.
pub type Set<T> = rustc_hash::FxHashSet<T>;

/// Sorts `v` by `cmp`, stably (equal elements keep their order), like `slice::sort_by`.
pub fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..v.len()).collect();
    sort_indices(&mut order, &|a, b| cmp(&v[a], &v[b]));
    apply_permutation(v, &mut order);
}

/// Sorts `v` by the key `f` gives each element, stably, like `slice::sort_by_key`.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], f: impl Fn(&T) -> K) {
    sort_by(v, |a, b| f(a).cmp(&f(b)))
}

/// The one instantiation of the standard library's stable sort.
#[inline(never)]
fn sort_indices(order: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| cmp(a, b));
}

/// Rearranges `v` so that `v[i]` becomes the old `v[order[i]]`, by walking each cycle of the
/// permutation once with swaps. `order` must be a permutation of `0..v.len()`; it is used up
/// (each entry is set to its own index once its place is filled).
fn apply_permutation<T>(v: &mut [T], order: &mut [usize]) {
    for start in 0..v.len() {
        let mut i = start;
        loop {
            let j = order[i];
            order[i] = i;
            if j == start || j == i {
                break;
            }
            v.swap(i, j);
            i = j;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sort_by_key_matches_the_standard_stable_sort(v in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            let mut ours = v.clone();
            sort_by_key(&mut ours, |p| p.0);
            let mut std = v;
            std.sort_by_key(|p| p.0);
            prop_assert_eq!(ours, std);
        }
    }

    #[test]
    fn sorts_strings_by_length_then_text() {
        let mut v = vec!["ccc", "a", "bb", "b", "aa"];
        sort_by(&mut v, |a, b| a.len().cmp(&b.len()).then(a.cmp(b)));
        assert_eq!(v, ["a", "b", "aa", "bb", "ccc"]);
    }
}
