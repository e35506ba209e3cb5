"""schema.org Event of an event page (plugins/events), with its place, its stream or replay,
its programme; one of the page's JSON-LD nodes (meta.py)."""

from datetime import datetime

SCHEMA = "https://schema.org/"
EVENT_STATUS = {
    "scheduled": "EventScheduled",
    "cancelled": "EventCancelled",
    "postponed": "EventPostponed",
    "rescheduled": "EventRescheduled",
}
ATTENDANCE_MODE = {
    "offline": "OfflineEventAttendanceMode",
    "online": "OnlineEventAttendanceMode",
    "mixed": "MixedEventAttendanceMode",
}


def event(event, siteurl: str, organization: dict, lang: str) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary_text,
        "startDate": _iso(event.start),
        "endDate": _iso(event.end),
        "eventStatus": SCHEMA + EVENT_STATUS[event.status],
        "eventAttendanceMode": SCHEMA + ATTENDANCE_MODE[event.attendance],
        "location": _location(event, f"{siteurl}/{event.url}"),
        "organizer": _organizer(organization),
        "url": f"{siteurl}/{event.url}",
        "inLanguage": lang,
    }
    image = _image(event, siteurl)
    if image:
        data["image"] = [image]
    if event.status == "rescheduled" and event.previous_start:
        data["previousStartDate"] = _iso(event.previous_start)
    video = _video(event, image)
    if video:
        data["recordedIn"] = video
    if event.programme:
        data["about"] = {
            "@type": "EducationalOccupationalProgram",
            "name": event.programme.title,
            "url": f"{siteurl}/{event.programme.url}",
        }
    return data


def _image(event, siteurl: str) -> str | None:
    """The author's `image:`, else the share card (plugins/cards), else the programme cover."""
    if event.image:
        return f"{siteurl}/{event.image}"
    card = event.card_image
    if card:
        return card["url"]
    cover = event.programme.facts.cover if event.programme else None
    return f"{siteurl}/{cover}" if cover else None


def _location(event, page_url: str) -> dict | list[dict]:
    places = []
    if event.location:
        places.append(
            {"@type": "Place", "name": event.location, "address": event.address or event.location}
        )
    stream = event.stream
    if stream and stream.embeddable:
        # The session is watched on its page (the embedded player), not at the provider.
        places.append({"@type": "VirtualLocation", "url": page_url})
    elif event.online_url:
        places.append({"@type": "VirtualLocation", "url": event.online_url})
    return places[0] if len(places) == 1 else places


def _video(event, image: str | None) -> dict | None:
    """The recording (replay), else the streamed video: a VideoObject and its BroadcastEvent.

    schema.org: Event.recordedIn (CreativeWork) → VideoObject; CreativeWork.publication
    (PublicationEvent) → BroadcastEvent with isLiveBroadcast, startDate and endDate.
    """
    stream, replay = event.stream, event.replay
    if stream and not stream.embeddable:
        stream = None  # a meeting link (Zoom, Jitsi…) is not a video
    video = replay or stream
    if video is None or event.all_day:
        return None
    data = {
        "@type": "VideoObject",
        "name": event.title,
        "description": event.summary_text or event.title,
        "uploadDate": _iso(event.replay_date or event.start),
        "url": video.url,
        "publication": {
            "@type": "BroadcastEvent",
            "isLiveBroadcast": stream is not None,
            "startDate": _iso(event.start),
            "endDate": _iso(event.end),
        },
    }
    if video.embeddable:
        data["embedUrl"] = video.embed_url
    thumbnail = video.thumbnail or image
    if thumbnail:
        data["thumbnailUrl"] = [thumbnail]
    return data


def _organizer(organization: dict) -> dict:
    organizer = {"@type": "Organization", "name": organization.get("name", "")}
    for key in ("url", "email"):
        if organization.get(key):
            organizer[key] = organization[key]
    return organizer


def _iso(value) -> str:
    """With the UTC offset for timed events (2027-03-26T18:00:00+01:00), a bare date otherwise."""
    return value.isoformat(timespec="seconds") if isinstance(value, datetime) else value.isoformat()
