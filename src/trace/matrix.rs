//! The trace matrix of `techspec trace`: each PRD requirement, the spec
//! sections that address it, and the tasks that implement it.
