//! Rendering the report model to HTML through the embedded template.

use minijinja::Environment;
use minijinja::value::{Serde, Value};

use super::Report;

/// The page template: inline CSS and JavaScript, no external assets.
const TEMPLATE: &str = include_str!("report.html");
const NAME: &str = "report.html";

/// The report could not be rendered (a bug in the template).
#[derive(Debug, thiserror::Error)]
#[error("cannot render the HTML report: {0:#}")]
pub struct ReportError(#[from] minijinja::Error);

/// Renders the report as one self-contained HTML page. Every value is
/// HTML-escaped (minijinja auto-escapes templates named `.html`).
pub fn render_html(report: &Report) -> Result<String, ReportError> {
    let mut env = Environment::new();
    env.add_template(NAME, TEMPLATE)?;
    let tmpl = env.get_template(NAME)?;
    Ok(tmpl.render(Value::from(Serde(report)))?)
}
