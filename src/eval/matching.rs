//! Span overlap, IoU, one-to-one quote matching and precision/recall arithmetic.

/// A half-open span of UTF-16 offsets, `(start, end)`.
pub type Span16 = (usize, usize);

/// The smallest IoU at which a system quote counts as finding a gold quote.
pub const MIN_IOU: f64 = 0.8;

/// Code units two spans share (0 when disjoint).
pub fn overlap(a: Span16, b: Span16) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

/// Intersection over union, the union taken as the hull of both spans; 0 when the hull is empty.
pub fn iou(a: Span16, b: Span16) -> f64 {
    let union = a.1.max(b.1).saturating_sub(a.0.min(b.0));
    if union == 0 {
        0.0
    } else {
        overlap(a, b) as f64 / union as f64
    }
}

/// Precision, recall and F1 from hit and total counts; a ratio over nothing is 0.
///
/// Precision and recall take their own hit counts: quote recall counts only direct gold
/// quotes found, precision every system quote that found a gold one.
pub fn prf(hits_p: usize, total_p: usize, hits_r: usize, total_r: usize) -> (f64, f64, f64) {
    let p = ratio(hits_p, total_p);
    let r = ratio(hits_r, total_r);
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// `num / den`, or 0 when `den` is 0.
pub fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}

/// One document's spans to match: `(global index, trimmed span)`.
pub type Indexed = (usize, Span16);

/// Every (gold, system) pair of one document whose IoU reaches [`MIN_IOU`], as
/// `(iou, gold index, system index)`.
///
/// Only system spans starting in `[gold.start - len/4 - 1, gold.end)` are tried: a span starting
/// further left has a hull of more than 5/4 of the gold length around at most the gold length
/// of overlap, and one starting at or past the gold end has no overlap. So the result is the
/// same as trying every pair, without the quadratic cost on long documents.
pub fn candidate_pairs(gold: &[Indexed], sys: &[Indexed]) -> Vec<(f64, usize, usize)> {
    let mut by_start: Vec<Indexed> = sys.to_vec();
    by_start.sort_by_key(|&(j, s)| (s.0, j));
    let mut out = Vec::new();
    for &(i, g) in gold {
        let len = g.1.saturating_sub(g.0);
        if len == 0 {
            continue; // an empty gold span has IoU 0 with everything
        }
        let lo = g.0.saturating_sub(len / 4 + 1);
        let first = by_start.partition_point(|&(_, s)| s.0 < lo);
        for &(j, s) in by_start[first..].iter().take_while(|&&(_, s)| s.0 < g.1) {
            let v = iou(g, s);
            if v >= MIN_IOU {
                out.push((v, i, j));
            }
        }
    }
    out
}

/// One-to-one matching: pairs taken best IoU first, each gold and system index used once.
/// Ties go to the higher gold index, then the higher system index (the order of a reverse sort
/// of `(iou, gold, system)` tuples, as `score.py` does), so both scorers pick the same pairs.
///
/// Returns the accepted `(gold, system)` pairs in the order they were accepted.
pub fn greedy_match(mut pairs: Vec<(f64, usize, usize)>) -> Vec<(usize, usize)> {
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)).then(b.2.cmp(&a.2)));
    let mut gold_used = std::collections::HashSet::new();
    let mut sys_used = std::collections::HashSet::new();
    let mut out = Vec::new();
    for (_, i, j) in pairs {
        if !gold_used.contains(&i) && !sys_used.contains(&j) {
            gold_used.insert(i);
            sys_used.insert(j);
            out.push((i, j));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iou_and_overlap() {
        assert_eq!(overlap((0, 10), (5, 20)), 5);
        assert_eq!(overlap((0, 5), (5, 10)), 0);
        assert_eq!(iou((0, 10), (0, 10)), 1.0);
        assert_eq!(iou((0, 10), (2, 10)), 0.8);
        assert_eq!(iou((0, 10), (20, 30)), 0.0);
        assert_eq!(iou((3, 3), (3, 3)), 0.0);
    }

    #[test]
    fn prf_over_nothing_is_zero() {
        assert_eq!(prf(0, 0, 0, 0), (0.0, 0.0, 0.0));
        let (p, r, f) = prf(1, 2, 1, 4);
        assert_eq!((p, r), (0.5, 0.25));
        assert!((f - 1.0 / 3.0).abs() < 1e-12);
    }

    /// Every pair tried, the plain way: the reference for the pruned search.
    fn all_pairs(gold: &[Indexed], sys: &[Indexed]) -> Vec<(f64, usize, usize)> {
        let mut out = Vec::new();
        for &(i, g) in gold {
            for &(j, s) in sys {
                let v = iou(g, s);
                if v >= MIN_IOU {
                    out.push((v, i, j));
                }
            }
        }
        out
    }

    #[test]
    fn pruned_candidates_equal_all_pairs() {
        // A deterministic spread of spans, dense enough to hit every boundary case.
        let mut spans = Vec::new();
        let mut x: u64 = 7;
        for _ in 0..400 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let s = (x >> 33) as usize % 60;
            let l = (x >> 20) as usize % 25;
            spans.push((s, s + l));
        }
        let gold: Vec<Indexed> = spans[..150].iter().copied().enumerate().collect();
        let sys: Vec<Indexed> = spans[150..].iter().copied().enumerate().collect();
        let mut a = candidate_pairs(&gold, &sys);
        let mut b = all_pairs(&gold, &sys);
        let key = |p: &(f64, usize, usize)| (p.1, p.2);
        a.sort_by_key(key);
        b.sort_by_key(key);
        assert!(!b.is_empty());
        assert_eq!(a, b);
    }

    #[test]
    fn greedy_takes_best_iou_first_and_each_side_once() {
        // Gold 0 matches system 0 (1.0) and 1 (0.8); gold 1 matches only system 0 (0.8).
        let gold = [(0, (0, 10)), (1, (0, 8))];
        let sys = [(0, (0, 10)), (1, (2, 10))];
        let m = greedy_match(candidate_pairs(&gold, &sys));
        assert_eq!(m, vec![(0, 0)]);
        // Equal IoU: the higher gold index wins the contested system span.
        let gold = [(0, (0, 10)), (1, (0, 10))];
        let sys = [(0, (0, 10))];
        assert_eq!(greedy_match(candidate_pairs(&gold, &sys)), vec![(1, 0)]);
    }
}
