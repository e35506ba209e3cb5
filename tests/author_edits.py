"""The edits an author makes to a site's content/, as the tests of warm rebuilds apply them.

Each edit changes files the way a person does in an editor or a file manager: a new
Markdown file, a file renamed or deleted, one line of a header changed, a PDF replaced.
`RandomEdits` draws sequences of them for the randomized differential test.
"""

import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from tests.brochure_pdfs import text_pdf


@dataclass
class Content:
    """A site's content/ folder, edited in place."""

    root: Path
    pdfs: Path  # where brochures to add or swap in are made

    def add_post(self, slug: str, title: str, programme: str | None = None, day: int = 7):
        lines = [
            f"title: {title}",
            f"date: 2026-11-{day:02d} 10:00",
            "category: Actualités",
            "tags: candidature, nouveauté",
            f"summary: {title} : ce qu’il faut savoir.",
        ]
        if programme:
            lines.append(f"programme: {programme}")
        body = f"Premier paragraphe de « {title} ».\n\nSecond paragraphe, plus long.\n"
        self._write(f"blog/{slug}.md", "\n".join(lines) + "\n\n" + body)

    def rename_post(self, old: str, new: str):
        (self.root / "blog" / f"{old}.md").rename(self.root / "blog" / f"{new}.md")

    def delete_post(self, slug: str):
        (self.root / "blog" / f"{slug}.md").unlink()

    def retitle_post(self, slug: str, title: str):
        self._set_field(f"blog/{slug}.md", "title", title)

    def edit_post_body(self, slug: str, words: str):
        path = self.root / "blog" / f"{slug}.md"
        path.write_text(path.read_text(encoding="utf-8") + f"\n{words}\n", encoding="utf-8")

    def add_programme(self, slug: str, title: str, pages: int = 2):
        """A programme with its own brochure."""
        pdf = f"brochures/{slug}.pdf"
        self._copy_in(self.brochure(f"{slug}-1", pages), pdf)
        self._write(
            f"programmes/{slug}.md",
            f"title: {title}\n"
            f"short_title: {title[:60]}\n"
            "degree: Licence professionnelle\n"
            "level: Bac+3\n"
            "duration: 1 an\n"
            "ects: 60\n"
            "location: IUT, campus du centre\n"
            "start: 2027-09-06\n"
            "deadline: 2027-05-15\n"
            f"apply_url: https://candidature.example.org/{slug}\n"
            f"contact: {slug}@example.org\n"
            f"brochure: {pdf}\n"
            f"summary: {title}, en un an, au plus près des métiers.\n"
            "\n"
            "## La formation\n\nUn an pour apprendre un métier.\n",
        )

    def change_deadline(self, programme: str, deadline: str):
        self._set_field(f"programmes/{programme}.md", "deadline", deadline)

    def replace_brochure(self, programme: str, version: str, pages: int):
        """The same file name, new bytes: what a team does when the designer sends v2."""
        text = (self.root / "programmes" / f"{programme}.md").read_text(encoding="utf-8")
        pdf = re.search(r"^brochure: (.+)$", text, re.MULTILINE)[1].strip()
        self._copy_in(self.brochure(f"{programme}-{version}", pages), pdf)

    def add_event(self, slug: str, title: str, programme: str | None = None, day: int = 14):
        lines = [
            f"title: {title}",
            "date: 2026-11-20 09:00",
            f"start: 2027-01-{day:02d} 18:00",
            "end: 19:30",
            "location: IUT, amphithéâtre A",
            f"summary: {title}, pour tout savoir avant de candidater.",
        ]
        if programme:
            lines.append(f"programme: {programme}")
        self._write(f"events/{slug}.md", "\n".join(lines) + "\n\nVenez nombreux.\n")

    def move_event(self, slug: str, day: int):
        self._set_field(f"events/{slug}.md", "start", f"2027-01-{day:02d} 18:00")

    def delete_event(self, slug: str):
        (self.root / "events" / f"{slug}.md").unlink()

    def add_page(self, slug: str, title: str):
        self._write(
            f"pages/{slug}.md",
            f"title: {title}\nsummary: {title}, en quelques mots.\n\nLe texte de la page.\n",
        )

    def brochure(self, name: str, pages: int) -> Path:
        path = self.pdfs / f"{name}.pdf"
        return path if path.exists() else text_pdf(path, pages)

    def _write(self, relative: str, text: str):
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def _copy_in(self, source: Path, relative: str):
        target = self.root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)

    def _set_field(self, relative: str, name: str, value: str):
        path = self.root / relative
        text, count = re.subn(
            rf"^{name}: .*$",
            f"{name}: {value}",
            path.read_text(encoding="utf-8"),
            count=1,
            flags=re.M,
        )
        assert count == 1, f"no {name}: line in {relative}"
        path.write_text(text, encoding="utf-8")


@dataclass
class RandomEdits:
    """Draws author edits at random from a seed, keeping track of what exists so that each
    edit is one a person could make (a post renamed exists, a new slug is new)."""

    content: Content
    rng: random.Random
    posts: list[str] = field(default_factory=list)
    programmes: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    counter: int = 0

    def apply_one(self) -> str:
        """Applies one edit; returns its description (for the failure message)."""
        choices = [self._add_post, self._add_event, self._add_page, self._add_programme]
        if self.posts:
            choices += [self._rename_post, self._delete_post, self._retitle, self._body]
        if self.programmes:
            choices += [self._deadline, self._replace_brochure]
        if self.events:
            choices += [self._move_event, self._delete_event]
        return self.rng.choice(choices)()

    def _new(self, kind: str) -> str:
        self.counter += 1
        return f"{kind}-{self.counter}"

    def _add_post(self):
        day = self.rng.randint(1, 28)
        slug = self._new("article")
        if self.rng.random() < 0.5:  # many teams start file names with the date
            slug = f"2026-11-{day:02d}-{slug}"
        programme = self.rng.choice([None, *self.programmes])
        self.content.add_post(slug, f"Actualité {slug}", programme, day)
        self.posts.append(slug)
        return f"add post {slug} (programme {programme})"

    def _rename_post(self):
        old, new = self.rng.choice(self.posts), self._new("renomme")
        self.content.rename_post(old, new)
        self.posts[self.posts.index(old)] = new
        return f"rename post {old} -> {new}"

    def _delete_post(self):
        slug = self.rng.choice(self.posts)
        self.content.delete_post(slug)
        self.posts.remove(slug)
        return f"delete post {slug}"

    def _retitle(self):
        slug = self.rng.choice(self.posts)
        title = f"Nouveau titre {self.rng.randint(1, 999)}"
        self.content.retitle_post(slug, title)
        return f"retitle post {slug}: {title}"

    def _body(self):
        slug = self.rng.choice(self.posts)
        self.content.edit_post_body(slug, f"Correction {self.rng.randint(1, 999)}.")
        return f"edit body of {slug}"

    def _add_programme(self):
        slug = self._new("formation")
        self.content.add_programme(slug, f"Licence pro {slug}", self.rng.randint(1, 3))
        self.programmes.append(slug)
        return f"add programme {slug}"

    def _deadline(self):
        slug = self.rng.choice(self.programmes)
        deadline = f"2027-0{self.rng.randint(3, 6)}-{self.rng.randint(10, 28)}"
        self.content.change_deadline(slug, deadline)
        return f"deadline of {slug}: {deadline}"

    def _replace_brochure(self):
        slug = self.rng.choice(self.programmes)
        version = f"v{self.rng.randint(2, 4)}"
        self.content.replace_brochure(slug, version, self.rng.randint(1, 3))
        return f"replace brochure of {slug} ({version})"

    def _add_event(self):
        slug = self._new("evenement")
        programme = self.rng.choice([None, *self.programmes])
        self.content.add_event(slug, f"Rencontre {slug}", programme, self.rng.randint(5, 28))
        self.events.append(slug)
        return f"add event {slug} (programme {programme})"

    def _move_event(self):
        slug, day = self.rng.choice(self.events), self.rng.randint(5, 28)
        self.content.move_event(slug, day)
        return f"move event {slug} to day {day}"

    def _delete_event(self):
        slug = self.rng.choice(self.events)
        self.content.delete_event(slug)
        self.events.remove(slug)
        return f"delete event {slug}"

    def _add_page(self):
        slug = self._new("page")
        self.content.add_page(slug, f"Page {slug}")
        return f"add page {slug}"
