"""What has been published, kept in refs under refs/relais/, here and on the remote.

- refs/relais/published/<branch> on the remote: the last tip pushed there by any clone
  (pushed atomically with the branch itself, so the two never disagree). A fresh clone
  (every CI run) reads it: without it, a remote branch whose history was rewritten
  would look like any other, and the URL-permanence baseline, read from that history,
  would silently shrink. Fetched into refs/relais/remotes/<remote>/published/<branch>.
- refs/relais/published/<remote>/<branch>: the last tip this repository pushed, kept
  locally too: a fallback when the remote has no record (deleted, or published by an
  older relais), and a check of the remote's record itself.
- refs/relais/pending/<remote>/<branch>: a commit made and not yet known to be pushed.
  It exists only between commit and push; found at the start of a publish, it says
  that the previous one was interrupted there, and the remote says whether it got it.
"""

from relais.publish.git import git, is_ancestor, rev


def remote_record(branch: str) -> str:
    """The record's name on the remote."""
    return f"refs/relais/published/{branch}"


def fetched_record(remote: str, branch: str) -> str:
    """The remote's record as last fetched (like refs/remotes/ for a branch)."""
    return f"refs/relais/remotes/{remote}/published/{branch}"


def published_ref(remote: str, branch: str) -> str:
    return f"refs/relais/published/{remote}/{branch}"


def pending_ref(remote: str, branch: str) -> str:
    return f"refs/relais/pending/{remote}/{branch}"


def set_ref(ref: str, commit: str) -> None:
    git("update-ref", ref, commit)


def delete_ref(ref: str) -> None:
    git("update-ref", "-d", ref, check=False)


def known(remote: str, branch: str) -> list[str]:
    """Every record of a publish the remote branch must still descend from: the
    remote's own, and this repository's (the same commit or an older one, normally)."""
    found = [rev(fetched_record(remote, branch)), rev(published_ref(remote, branch))]
    return list(dict.fromkeys(commit for commit in found if commit))


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
