"""A live stream or replay address: which provider, and the player a page may embed.

Embeddable providers follow their documented embed URLs:
- YouTube: watch?v=ID, youtu.be/ID, /live/ID, /embed/ID, /shorts/ID → the privacy-enhanced
  player https://www.youtube-nocookie.com/embed/ID;
- PeerTube (any instance): /w/SHORTUUID, /videos/watch/UUID, /videos/embed/UUID →
  https://instance/videos/embed/UUID (a short UUID is the UUID in short-uuid's flickrBase58);
- Owncast (any instance): its player https://instance/embed/video.
Anything else (Jitsi, BigBlueButton, Teams, Zoom…) is a plain link.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from relais.plugins.core import tr

from .fields import web_url

YOUTUBE_HOSTS = {"youtube.com", "m.youtube.com", "youtu.be", "youtube-nocookie.com"}
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_YOUTUBE_PATH = re.compile(r"^/(?:live|embed|shorts)/([^/]+)/?$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_PEERTUBE_PATH = re.compile(r"^/(?:w|videos/watch|videos/embed)/([A-Za-z0-9-]+)/?$")
# short-uuid's default alphabet, which PeerTube's short UUIDs use.
_BASE58 = "123456789abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ"
# Providers of plain links, named on the page ("Rejoindre sur Zoom").
_LINK_NAMES = {
    "meet.jit.si": "Jitsi Meet",
    "teams.microsoft.com": "Microsoft Teams",
    "teams.live.com": "Microsoft Teams",
    "zoom.us": "Zoom",
}


@dataclass(frozen=True)
class Stream:
    url: str  # the address to open without the embedded player
    provider: str  # "youtube", "peertube", "owncast" or "link"
    name: str  # shown to visitors: "YouTube", "PeerTube (videos.example.org)", "Zoom"…
    embed_url: str | None = None  # the player, loaded only when the visitor asks
    video_id: str | None = None

    @property
    def embeddable(self) -> bool:
        return self.embed_url is not None

    @property
    def thumbnail(self) -> str | None:
        """YouTube's documented still of a video (schema.org VideoObject.thumbnailUrl)."""
        if self.provider == "youtube":
            return f"https://i.ytimg.com/vi/{self.video_id}/hqdefault.jpg"
        return None


def stream(value: str) -> Stream:
    """Parses a `stream:` or `replay:` address; ValueError says what to write instead."""
    url = web_url(value)
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    if host in YOUTUBE_HOSTS:
        return _youtube(url, host, parts)
    if parts.path.rstrip("/") == "/embed/video":
        home = f"{parts.scheme}://{parts.netloc}/"
        return Stream(home, "owncast", f"Owncast ({host})", f"https://{parts.netloc}/embed/video")
    peertube = _PEERTUBE_PATH.match(parts.path)
    if peertube and not parts.path.startswith("/w/p/"):
        uuid = _peertube_uuid(peertube[1])
        embed = f"https://{parts.netloc}/videos/embed/{uuid}"
        return Stream(url, "peertube", f"PeerTube ({host})", embed, uuid)
    return Stream(url, "link", _link_name(host))


def _youtube(url, host, parts) -> Stream:
    if host == "youtu.be":
        video = parts.path.strip("/")
    elif parts.path.rstrip("/") == "/watch":
        video = (parse_qs(parts.query).get("v") or [""])[0]
    else:
        match = _YOUTUBE_PATH.match(parts.path)
        video = match[1] if match else ""
    if not _YOUTUBE_ID.match(video):
        raise ValueError(
            tr(
                "l’adresse d’une vidéo ou d’un direct YouTube : https://www.youtube.com/watch?v=…, "
                "https://youtu.be/… ou https://www.youtube.com/live/…",
                "the address of a YouTube video or live stream: https://www.youtube.com/watch?v=…, "
                "https://youtu.be/… or https://www.youtube.com/live/…",
            )
        )
    watch = f"https://www.youtube.com/watch?v={video}"
    embed = f"https://www.youtube-nocookie.com/embed/{video}"
    return Stream(watch, "youtube", "YouTube", embed, video)


def _peertube_uuid(video: str) -> str:
    if _UUID.match(video):
        return video
    if len(video) > 22 or any(char not in _BASE58 for char in video):
        raise ValueError(
            tr(
                "l’adresse d’une vidéo PeerTube : https://instance/w/… ou "
                "https://instance/videos/watch/…",
                "the address of a PeerTube video: https://instance/w/… or "
                "https://instance/videos/watch/…",
            )
        )
    number = 0
    for char in video:
        number = number * 58 + _BASE58.index(char)
    digits = f"{number:032x}"
    if len(digits) > 32:
        raise ValueError(tr("un identifiant PeerTube valide", "a valid PeerTube identifier"))
    return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"


def _link_name(host: str) -> str:
    for known, name in _LINK_NAMES.items():
        if host == known or host.endswith("." + known):
            return name
    return host
