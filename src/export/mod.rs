//! Files derived from the model and the receiving API's declaration: JSON Schema, OpenAPI and
//! the documentation tables.

mod build;
mod describe;
pub mod form_definition;
pub mod json_schema;
pub mod markdown;
pub mod openapi;
pub mod receiving_tables;
pub mod typescript;
