"""What this repository has published, kept in refs under refs/relais/ (never pushed).

- refs/relais/published/<remote>/<branch>: the last tip this repository pushed. The
  remote branch must still descend from it, or its history was rewritten behind our back
  (and the URL-permanence baseline, read from that history, would silently shrink).
- refs/relais/pending/<remote>/<branch>: a commit made and not yet known to be pushed.
  It exists only between commit and push; found at the start of a publish, it says
  that the previous one was interrupted there, and the remote says whether it got it.
"""

from publish.git import git, is_ancestor, rev


def published_ref(remote: str, branch: str) -> str:
    return f"refs/relais/published/{remote}/{branch}"


def pending_ref(remote: str, branch: str) -> str:
    return f"refs/relais/pending/{remote}/{branch}"


def set_ref(ref: str, commit: str) -> None:
    git("update-ref", ref, commit)


def delete_ref(ref: str) -> None:
    git("update-ref", "-d", ref, check=False)


def settle_interrupted(remote: str, branch: str, live: str | None) -> str | None:
    """A message about an interrupted previous publish, once its outcome is recorded."""
    pending = rev(pending_ref(remote, branch))
    if pending is None:
        return None
    delete_ref(pending_ref(remote, branch))
    if live and is_ancestor(pending, live):
        set_ref(published_ref(remote, branch), pending)
        set_ref(f"refs/heads/{branch}", live)
        return (
            f"la publication précédente, interrompue pendant l’envoi (commit {pending[:12]}), "
            f"était bien arrivée sur « {remote} » ; branche locale « {branch} » remise à jour"
        )
    return (
        f"la publication précédente, interrompue avant la fin de l’envoi (commit "
        f"{pending[:12]}), n’est jamais arrivée sur « {remote} » ; elle est abandonnée"
    )
