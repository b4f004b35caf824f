//! The workspace root the MCP server is confined to. Every path a client
//! gives is resolved (symbolic links and `..` included) and refused unless
//! it lies inside the root.

use std::path::{Component, Path, PathBuf};

/// A path that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum RootError {
    #[error(
        "`{given}` is outside the workspace root {}; the techspec MCP server only reads and writes inside the folder it was started in (give a path relative to it)",
        root.display()
    )]
    Outside { given: String, root: PathBuf },
    #[error("`{given}` does not exist in the workspace {}", root.display())]
    NotFound { given: String, root: PathBuf },
    #[error("cannot resolve `{given}`: {source}")]
    Io {
        given: String,
        #[source]
        source: std::io::Error,
    },
    #[error("the path is empty")]
    Empty,
    #[error("{}", no_workspace_message(start))]
    NoWorkspace { start: PathBuf },
}

/// Why every tool refuses without a workspace, and how to give one.
fn no_workspace_message(start: &Path) -> String {
    format!(
        "no workspace: techspec mcp was started in {}, which is not inside a project \
         (no .git, techspec.toml or agent rules folder), and the client offered no roots. \
         Set the workspace in the server's registration: `techspec mcp --root /path/to/repo` \
         (or the client's working folder / `cwd` setting, or a client that offers MCP roots); \
         `techspec init` prints the snippet for each agent.",
        start.display()
    )
}

/// Whether `dir` lies inside a project: it or a folder above it (below the
/// home folder) has `.git`, `techspec.toml` or an agent rules folder.
pub fn is_project(dir: &Path, home: Option<&Path>) -> bool {
    dir.ancestors()
        .take_while(|a| a.parent().is_some() && Some(*a) != home)
        .any(|a| {
            a.join(".git").exists()
                || a.join("techspec.toml").is_file()
                || crate::project::RULES_DIRS
                    .iter()
                    .any(|d| a.join(d).is_dir())
        })
}

/// The folder the server was started in, as its workspace: only inside a
/// project, and never the file system root or the home folder.
pub fn start_folder(cwd: &Path, home: Option<&Path>) -> Option<PathBuf> {
    if cwd.parent().is_none() || Some(cwd) == home || !is_project(cwd, home) {
        return None;
    }
    Some(cwd.to_path_buf())
}

/// The folder a `file://` root URI names (percent-decoded); `None` for
/// another scheme or a remote host.
pub fn uri_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    if !rest.starts_with('/') {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(rest)
        .decode_utf8()
        .ok()?
        .into_owned();
    // `file:///C:/x` on Windows.
    #[cfg(windows)]
    let decoded = decoded
        .strip_prefix('/')
        .filter(|d| d.as_bytes().get(1) == Some(&b':'))
        .map(str::to_string)
        .unwrap_or(decoded);
    Some(PathBuf::from(decoded))
}

/// The canonical workspace root.
#[derive(Debug, Clone)]
pub struct Root {
    path: PathBuf,
}

impl Root {
    /// The root at `dir` (made canonical).
    pub fn new(dir: &Path) -> std::io::Result<Root> {
        Ok(Root {
            path: dir.canonicalize()?,
        })
    }

    /// The canonical root folder.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// An existing file or folder inside the root, canonical.
    pub fn existing(&self, given: &str) -> Result<PathBuf, RootError> {
        let candidate = self.candidate(given)?;
        let real = candidate
            .canonicalize()
            .map_err(|source| match source.kind() {
                std::io::ErrorKind::NotFound => match self.resolve_new(given, &candidate) {
                    // A path outside is refused as such, even when it does not exist.
                    Err(e @ RootError::Outside { .. }) => e,
                    _ => RootError::NotFound {
                        given: given.to_string(),
                        root: self.path.clone(),
                    },
                },
                _ => RootError::Io {
                    given: given.to_string(),
                    source,
                },
            })?;
        self.inside(given, real)
    }

    /// A path inside the root that may not exist yet (a file to create):
    /// the part that exists is resolved, the rest may not climb out with `..`.
    pub fn new_path(&self, given: &str) -> Result<PathBuf, RootError> {
        let candidate = self.candidate(given)?;
        self.resolve_new(given, &candidate)
    }

    /// `path` relative to the root, with `/` separators (for messages and reports).
    pub fn relative(&self, path: &Path) -> String {
        let rel = path.strip_prefix(&self.path).unwrap_or(path);
        crate::output::display_path(rel)
    }

    fn candidate(&self, given: &str) -> Result<PathBuf, RootError> {
        let given_trim = given.trim();
        if given_trim.is_empty() {
            return Err(RootError::Empty);
        }
        let p = Path::new(given_trim);
        Ok(if p.is_absolute() {
            p.to_path_buf()
        } else {
            self.path.join(p)
        })
    }

    fn resolve_new(&self, given: &str, candidate: &Path) -> Result<PathBuf, RootError> {
        // The longest prefix that exists (a dangling symlink counts as existing).
        let comps: Vec<Component> = candidate.components().collect();
        let mut split = comps.len();
        while split > 0 {
            let prefix: PathBuf = comps[..split].iter().collect();
            if std::fs::symlink_metadata(&prefix).is_ok() {
                break;
            }
            split -= 1;
        }
        let prefix: PathBuf = comps[..split].iter().collect();
        let mut real = if split == 0 {
            PathBuf::from("/")
        } else {
            prefix
                .canonicalize()
                .map_err(|source| match source.kind() {
                    // A dangling symbolic link: where it points is unknown.
                    std::io::ErrorKind::NotFound => RootError::Outside {
                        given: given.to_string(),
                        root: self.path.clone(),
                    },
                    _ => RootError::Io {
                        given: given.to_string(),
                        source,
                    },
                })?
        };
        for c in &comps[split..] {
            match c {
                Component::CurDir => {}
                Component::ParentDir => {
                    real.pop();
                }
                other => real.push(other.as_os_str()),
            }
        }
        self.inside(given, real)
    }

    fn inside(&self, given: &str, real: PathBuf) -> Result<PathBuf, RootError> {
        if real.starts_with(&self.path) {
            Ok(real)
        } else {
            Err(RootError::Outside {
                given: given.to_string(),
                root: self.path.clone(),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_start_folder_is_a_workspace_only_inside_a_project() {
        let home = tempfile::tempdir().unwrap();
        let repo = home.path().join("code/repo");
        std::fs::create_dir_all(repo.join("src")).unwrap();
        let h = Some(home.path());
        assert_eq!(start_folder(Path::new("/"), h), None);
        assert_eq!(start_folder(home.path(), h), None);
        // A folder with no marker anywhere above it, up to the home folder.
        assert_eq!(start_folder(&repo.join("src"), h), None);
        std::fs::create_dir(repo.join(".git")).unwrap();
        assert_eq!(start_folder(&repo, h), Some(repo.clone()));
        assert_eq!(start_folder(&repo.join("src"), h), Some(repo.join("src")));
        // A .git in the home folder (dotfiles) makes no project of it.
        std::fs::create_dir(home.path().join(".git")).unwrap();
        assert_eq!(start_folder(home.path(), h), None);
        let other = home.path().join("notes");
        std::fs::create_dir_all(other.join(".cursor/rules")).unwrap();
        assert_eq!(start_folder(&other, h), Some(other.clone()));
        let cfg = home.path().join("cfg");
        std::fs::create_dir_all(&cfg).unwrap();
        std::fs::write(cfg.join("techspec.toml"), "").unwrap();
        assert_eq!(start_folder(&cfg, h), Some(cfg.clone()));
    }

    #[test]
    fn root_uris_become_folders() {
        assert_eq!(
            uri_path("file:///home/a/my%20repo"),
            Some(PathBuf::from("/home/a/my repo"))
        );
        assert_eq!(
            uri_path("file://localhost/srv/x"),
            Some(PathBuf::from("/srv/x"))
        );
        assert_eq!(uri_path("https://example.com/x"), None);
        assert_eq!(uri_path("file://host/x"), None);
        assert!(
            RootError::NoWorkspace { start: "/".into() }
                .to_string()
                .contains("--root")
        );
    }

    #[test]
    fn paths_outside_are_refused() {
        let outer = tempfile::tempdir().unwrap();
        let root_dir = outer.path().join("ws");
        std::fs::create_dir_all(root_dir.join("docs")).unwrap();
        std::fs::write(root_dir.join("docs/a.md"), "x").unwrap();
        std::fs::write(outer.path().join("secret.md"), "x").unwrap();
        let root = Root::new(&root_dir).unwrap();

        assert_eq!(
            root.existing("docs/a.md").unwrap(),
            root.path().join("docs/a.md")
        );
        assert_eq!(
            root.existing("docs/../docs/a.md").unwrap(),
            root.path().join("docs/a.md")
        );
        assert!(matches!(
            root.existing("../secret.md"),
            Err(RootError::Outside { .. })
        ));
        assert!(matches!(
            root.existing("docs/../../secret.md"),
            Err(RootError::Outside { .. })
        ));
        assert!(matches!(
            root.existing(outer.path().join("secret.md").to_str().unwrap()),
            Err(RootError::Outside { .. })
        ));
        assert!(matches!(
            root.existing("../nothing-here.md"),
            Err(RootError::Outside { .. })
        ));
        assert!(matches!(
            root.existing("nothing-here.md"),
            Err(RootError::NotFound { .. })
        ));
        assert!(matches!(root.existing("  "), Err(RootError::Empty)));

        assert_eq!(
            root.new_path("tasks/prd-x/techspec.md").unwrap(),
            root.path().join("tasks/prd-x/techspec.md")
        );
        assert!(matches!(
            root.new_path("tasks/../../x.md"),
            Err(RootError::Outside { .. })
        ));
        assert!(matches!(
            root.new_path("../x.md"),
            Err(RootError::Outside { .. })
        ));
        assert!(matches!(
            root.new_path("/tmp/x.md"),
            Err(RootError::Outside { .. })
        ));
        let msg = root.new_path("../x.md").unwrap_err().to_string();
        assert!(msg.contains("outside the workspace root"), "{msg}");
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_root_are_refused() {
        let outer = tempfile::tempdir().unwrap();
        let root_dir = outer.path().join("ws");
        std::fs::create_dir_all(&root_dir).unwrap();
        std::fs::create_dir_all(outer.path().join("elsewhere")).unwrap();
        std::fs::write(outer.path().join("elsewhere/spec.md"), "x").unwrap();
        std::os::unix::fs::symlink(outer.path().join("elsewhere"), root_dir.join("link")).unwrap();
        std::os::unix::fs::symlink(outer.path().join("gone"), root_dir.join("dangling")).unwrap();
        let root = Root::new(&root_dir).unwrap();
        assert!(matches!(
            root.existing("link/spec.md"),
            Err(RootError::Outside { .. })
        ));
        assert!(matches!(
            root.new_path("link/new.md"),
            Err(RootError::Outside { .. })
        ));
        assert!(matches!(
            root.new_path("dangling/new.md"),
            Err(RootError::Outside { .. })
        ));
        assert!(matches!(
            root.new_path("dangling"),
            Err(RootError::Outside { .. })
        ));
    }
}
