//! What is read: a Markdown file parsed once into a [`document::Document`],
//! a [`template::Template`] parsed by the same machinery, the section
//! identities both are matched by ([`identity`]), which spec section is which
//! template section ([`align`]), and the findings ([`diagnostic`]).

pub mod align;
pub mod diagnostic;
pub mod document;
pub mod identity;
pub mod template;
