//! `pyspark._native.combine_by_key`: the per-partition combine loop of `combineByKey`
//! (Spark's `Aggregator.combineValuesByKey`, PySpark's `ExternalMerger.mergeValues`).
use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyInt, PyString, PyTuple};

use super::guarded;

/// A key's UTF-8 bytes, held inside the hash table when short (most words are), so that
/// a lookup compares them without another memory access.
enum KeyBytes {
    Inline { len: u8, bytes: [u8; 22] },
    Heap(Box<[u8]>),
}

impl KeyBytes {
    fn new(bytes: &[u8]) -> Self {
        if bytes.len() <= 22 {
            let mut inline = [0u8; 22];
            inline[..bytes.len()].copy_from_slice(bytes);
            KeyBytes::Inline { len: bytes.len() as u8, bytes: inline }
        } else {
            KeyBytes::Heap(bytes.into())
        }
    }
}

impl Borrow<[u8]> for KeyBytes {
    fn borrow(&self) -> &[u8] {
        match self {
            KeyBytes::Inline { len, bytes } => &bytes[..*len as usize],
            KeyBytes::Heap(bytes) => bytes,
        }
    }
}

// Hash and equality are those of the bytes, as `Borrow<[u8]>` lookups require.
impl Hash for KeyBytes {
    fn hash<H: Hasher>(&self, state: &mut H) {
        Borrow::<[u8]>::borrow(self).hash(state)
    }
}

impl PartialEq for KeyBytes {
    fn eq(&self, other: &Self) -> bool {
        Borrow::<[u8]>::borrow(self) == Borrow::<[u8]>::borrow(other)
    }
}

impl Eq for KeyBytes {}

/// Sums of `operator.add` over exact `str` keys and exact `int` values, kept in Rust
/// (keys by their UTF-8 bytes, sums as `i64` next to them) with the key objects in
/// first-seen order. This is the word count's shape; it gives the same combiners as
/// Python's `+` on the same items, without a dict update and an int allocation per item.
struct StrIntSums<'py> {
    sums: HashMap<KeyBytes, i64, foldhash::fast::RandomState>,
    keys: Vec<Bound<'py, PyString>>,
}

/// What `StrIntSums::add` did with an item.
enum Fit<'py> {
    Added,
    /// The item does not fit (another key or value type, or an `i64` overflow); for a new
    /// key, `create(value)` has already been called and its result is given.
    Misfit(Option<Bound<'py, PyAny>>),
}

impl<'py> StrIntSums<'py> {
    fn new() -> Self {
        StrIntSums { sums: HashMap::default(), keys: Vec::new() }
    }

    fn add(&mut self, key: &Bound<'py, PyAny>, value: &Bound<'py, PyAny>, create: &Bound<'py, PyAny>) -> PyResult<Fit<'py>> {
        let (Ok(text), Ok(number)) = (key.cast_exact::<PyString>(), value.cast_exact::<PyInt>()) else {
            return Ok(Fit::Misfit(None));
        };
        // Strings with lone surrogates have no UTF-8 form; they take the dict path.
        let (Ok(bytes), Ok(number)) = (text.to_str(), number.extract::<i64>()) else {
            return Ok(Fit::Misfit(None));
        };
        if let Some(sum) = self.sums.get_mut(bytes.as_bytes()) {
            return Ok(match sum.checked_add(number) {
                Some(total) => {
                    *sum = total;
                    Fit::Added
                }
                None => Fit::Misfit(None),
            });
        }
        let start = if create.is_none() {
            number
        } else {
            let created = create.call1((value,))?;
            match created.cast_exact::<PyInt>().ok().and_then(|n| n.extract::<i64>().ok()) {
                Some(n) => n,
                None => return Ok(Fit::Misfit(Some(created))),
            }
        };
        self.sums.insert(KeyBytes::new(bytes.as_bytes()), start);
        self.keys.push(text.clone());
        Ok(Fit::Added)
    }

    /// Moves the sums, in order, into the dict of combiners.
    fn drain_into(self, combiners: &Bound<'py, PyDict>) -> PyResult<()> {
        for key in self.keys {
            let sum = self.sums.get(key.to_str()?.as_bytes()).copied().unwrap_or_default();
            combiners.set_item(key, sum)?;
        }
        Ok(())
    }
}

/// The `(key, value)` pair of a record: a 2-tuple, or any iterable of two items.
fn pair<'py>(item: Bound<'py, PyAny>) -> PyResult<Bound<'py, PyTuple>> {
    if let Ok(pair) = item.cast_exact::<PyTuple>() {
        if pair.len() == 2 {
            return Ok(pair.clone());
        }
    }
    let parts: Vec<Bound<'py, PyAny>> = item.try_iter()?.collect::<PyResult<_>>()?;
    if parts.len() != 2 {
        return Err(pyo3::exceptions::PyValueError::new_err(format!("expected a (key, value) pair, got {} values", parts.len())));
    }
    PyTuple::new(item.py(), parts)
}

/// `combineByKey`'s combine loop: for each `(key, value)` of `iterator`, the key's
/// combiner becomes `merge(combiner, value)`, or `create(value)` for a new key (`create`
/// None keeps the value). Returns the combiners as a dict in first-seen key order.
/// `operator.add` is applied with Python's `+` directly, and over `str` keys and `int`
/// values in Rust until an item of another shape arrives. Tasks call it once per partition.
#[pyfunction]
#[pyo3(signature = (iterator, create, merge))]
pub fn combine_by_key<'py>(iterator: &Bound<'py, PyAny>, create: &Bound<'py, PyAny>, merge: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDict>> {
    guarded(|| {
        let py = iterator.py();
        let combiners = PyDict::new(py);
        let adds = merge.is(&py.import("operator")?.getattr("add")?);
        let mut sums = adds.then(StrIntSums::new);
        for item in iterator.try_iter()? {
            let pair = pair(item?)?;
            let key = pair.get_borrowed_item(0)?;
            let value = pair.get_borrowed_item(1)?;
            let mut created = None;
            if let Some(mut fast) = sums.take() {
                match fast.add(&key, &value, create)? {
                    Fit::Added => {
                        sums = Some(fast);
                        continue;
                    }
                    Fit::Misfit(made) => {
                        created = made;
                        fast.drain_into(&combiners)?;
                    }
                }
            }
            let combined = match (combiners.get_item(&*key)?, created) {
                (Some(current), _) if adds => current.add(&*value)?,
                (Some(current), _) => merge.call1((current, &*value))?,
                (None, Some(made)) => made,
                (None, None) if create.is_none() => value.to_owned(),
                (None, None) => create.call1((&*value,))?,
            };
            combiners.set_item(&*key, combined)?;
        }
        if let Some(fast) = sums {
            fast.drain_into(&combiners)?;
        }
        Ok(combiners)
    })
}
