//! Measures recognised from the wording of a sentence.
