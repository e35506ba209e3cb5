"""Stream and replay addresses: the address forms the providers document, and the players.

YouTube: watch?v=, youtu.be/, /live/ (the "share" form of a live), /embed/, /shorts/; the
privacy-enhanced player is https://www.youtube-nocookie.com/embed/<id>. PeerTube: the
player of any instance is /videos/embed/<uuid>; /w/<short UUID> is what its "share" button
gives (the UUID written in short-uuid's flickrBase58). Owncast: /embed/video.
"""

import uuid

import pytest

from relais.plugins.events.streams import stream

VIDEO = "jNQXAC9IVRw"
NOCOOKIE = f"https://www.youtube-nocookie.com/embed/{VIDEO}"
FLICKR_BASE58 = "123456789abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ"


@pytest.mark.parametrize(
    "address",
    [
        f"https://www.youtube.com/watch?v={VIDEO}",
        f"https://www.youtube.com/watch?v={VIDEO}&t=42s",
        f"https://m.youtube.com/watch?feature=share&v={VIDEO}",
        f"https://youtu.be/{VIDEO}?si=Xk3v9nPq",
        f"https://www.youtube.com/live/{VIDEO}?si=Xk3v9nPq",
        f"https://www.youtube.com/embed/{VIDEO}",
        f"https://www.youtube-nocookie.com/embed/{VIDEO}",
        f"https://youtube.com/shorts/{VIDEO}",
    ],
)
def test_every_youtube_form_plays_in_the_privacy_enhanced_player(address):
    video = stream(address)
    assert (video.provider, video.embed_url) == ("youtube", NOCOOKIE)
    assert video.url == f"https://www.youtube.com/watch?v={VIDEO}"


@pytest.mark.parametrize(
    "address",
    [
        "https://www.youtube.com/@iut-exemple/live",
        "https://www.youtube.com/watch?v=trop-court",
        "https://youtu.be/",
        "https://www.youtube.com/playlist?list=PL590L5WQmH8fJ54F369BLDSqIwcs-TCfs",
    ],
)
def test_a_youtube_address_that_is_not_a_video_is_refused_with_the_forms_to_use(address):
    with pytest.raises(ValueError, match=r"youtube\.com/watch\?v=.*youtu\.be/.*youtube\.com/live/"):
        stream(address)


def short_uuid(value: uuid.UUID) -> str:
    """PeerTube's short UUID, written here independently of the plugin (base conversion)."""
    number, digits = value.int, ""
    while number:
        number, rest = divmod(number, 58)
        digits = FLICKR_BASE58[rest] + digits
    return digits


@pytest.mark.parametrize("text", ["9c9de5e8-0a1e-484a-b099-e80766180a6d", str(uuid.UUID(int=5))])
def test_a_peertube_share_link_of_any_instance_plays_its_embed_player(text):
    value = uuid.UUID(text)
    embed = f"https://videos.univ-exemple.fr/videos/embed/{value}"
    for address in (
        f"https://videos.univ-exemple.fr/w/{short_uuid(value)}",
        f"https://videos.univ-exemple.fr/videos/watch/{value}",
        f"https://videos.univ-exemple.fr/videos/embed/{value}",
    ):
        video = stream(address)
        assert (video.provider, video.embed_url, video.url) == ("peertube", embed, address)


def test_a_peertube_playlist_is_a_plain_link():
    address = "https://framatube.org/w/p/7JBMz3HGmCNxvQkz2cCqUs"
    assert stream(address).embed_url is None


def test_an_owncast_instance_plays_its_embed_player_and_links_to_its_home():
    video = stream("https://live.iut-exemple.fr/embed/video")
    assert video.provider == "owncast"
    assert video.embed_url == "https://live.iut-exemple.fr/embed/video"
    assert video.url == "https://live.iut-exemple.fr/"


@pytest.mark.parametrize(
    ("address", "name"),
    [
        ("https://meet.jit.si/PortesOuvertesIUT2027", "Jitsi Meet"),
        ("https://univ-exemple.zoom.us/j/81234567890?pwd=R2hZb0", "Zoom"),
        ("https://teams.microsoft.com/l/meetup-join/19%3ameeting_Nz", "Microsoft Teams"),
        ("https://bbb.univ-exemple.fr/b/iut-abc-123", "bbb.univ-exemple.fr"),
    ],
)
def test_meeting_links_are_plain_links_named_after_their_service(address, name):
    video = stream(address)
    assert (video.provider, video.url, video.name, video.embed_url) == ("link", address, name, None)


def test_an_incomplete_address_is_refused():
    with pytest.raises(ValueError, match="adresse web complète"):
        stream("youtube.com/watch?v=jNQXAC9IVRw")
