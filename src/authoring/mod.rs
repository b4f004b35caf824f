//! Writing specs and what goes around them: `techspec new` ([`scaffold`]),
//! `techspec tasks` ([`tasks`]) and `techspec init` ([`init`]).

pub mod init;
pub mod scaffold;
pub mod tasks;
