//! Spark's `sentences(str[, language[, country]])` (Hive's `GenericUDFSentences`): the
//! text split into sentences, each a list of its words, as Java's `BreakIterator` does for
//! plain prose: a sentence ends at `.`, `!` or `?` before white space or the end, and a
//! word is a run of letters and digits (an apostrophe between letters, and a point or comma
//! between digits, stay in the word).
//! Punctuation is dropped. The locale arguments are accepted; Ember's rules are the same
//! for every locale.
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, ListBuilder, StringBuilder};
use datafusion::arrow::datatypes::{DataType, Field};
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};
use datafusion::prelude::SessionContext;

/// Registers `sentences`.
pub fn register(context: &SessionContext) {
    context.register_udf(ScalarUDF::from(Sentences { signature: Signature::variadic_any(Volatility::Immutable) }));
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct Sentences {
    signature: Signature,
}

/// The sentences of `text`, each as its words.
fn split(text: &str) -> Vec<Vec<String>> {
    let chars: Vec<char> = text.chars().collect();
    let mut sentences = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let next_alphanumeric = chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        let next_digit = chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
        // `don't` is one word, and so are the numbers `3.5` and `1,000`.
        let joins = (c == '\'' && !word.is_empty() && next_alphanumeric) || (matches!(c, '.' | ',') && word.ends_with(|w: char| w.is_ascii_digit()) && next_digit);
        if c.is_alphanumeric() || joins {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        let ends = matches!(c, '.' | '!' | '?') && chars.get(i + 1).is_none_or(|n| n.is_whitespace());
        if ends && !words.is_empty() {
            sentences.push(std::mem::take(&mut words));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    if !words.is_empty() {
        sentences.push(words);
    }
    sentences
}

impl ScalarUDFImpl for Sentences {
    fn name(&self) -> &str {
        "sentences"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _: &[DataType]) -> Result<DataType> {
        // Neither a sentence nor a word is ever NULL.
        Ok(DataType::new_list(DataType::new_list(DataType::Utf8, false), false))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = args.number_rows;
        let texts = datafusion::arrow::compute::cast(&args.args[0].to_array(rows)?, &DataType::Utf8)?;
        let texts = texts.as_string::<i32>();
        let words = ListBuilder::new(StringBuilder::new()).with_field(Arc::new(Field::new_list_field(DataType::Utf8, false)));
        let mut out = ListBuilder::new(words).with_field(Arc::new(Field::new_list_field(DataType::new_list(DataType::Utf8, false), false)));
        for row in 0..rows {
            if texts.is_null(row) {
                out.append(false);
                continue;
            }
            for sentence in split(texts.value(row)) {
                for word in sentence {
                    out.values().values().append_value(word);
                }
                out.values().append(true);
            }
            out.append(true);
        }
        let result: ArrayRef = Arc::new(out.finish());
        Ok(ColumnarValue::Array(result))
    }
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn splits_prose_into_sentences_of_words() {
        assert_eq!(split("Hi there! How's it going? Fine."), vec![vec!["Hi", "there"], vec!["How's", "it", "going"], vec!["Fine"]]);
        assert_eq!(split("3.5 apples, 1,000 pears"), vec![vec!["3.5", "apples", "1,000", "pears"]]);
        assert!(split("...").is_empty());
    }
}
