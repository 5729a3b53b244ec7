"""What a build may be told, validated once: `extra.claimline_*` in mkdocs.yml and the
`CLAIMLINE_*` / `SOURCE_DATE_EPOCH` environment variables.

Each value is declared once in `SettingsSchema` with MkDocs' own config options, so a
wrong type, a value out of range or a misspelt `claimline_` key is one line naming it,
never a traceback and never silently ignored.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Mapping

from mkdocs.config import base
from mkdocs.config import config_options as c

PREFIX = "claimline_"
DEFAULT_PAGEFIND_FROM = 500
DEFAULT_MAX_SEED_MB = 32
DEFAULT_PARALLEL_FROM = 400


class SettingsError(ValueError):
    """A setting with a wrong value: its message is one line naming the setting."""


class WholeNumber(c.BaseConfigOption[int]):
    """A whole number from `minimum` to `maximum` (booleans, floats and text refused)."""

    def __init__(self, default: int | None, minimum: int = 1, maximum: int = 10**12) -> None:
        super().__init__()
        self.default, self.minimum, self.maximum = default, minimum, maximum

    def validate(self, value: object) -> int | None:
        return None if value is None and self.default is None else super().validate(value)

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not self.minimum <= value <= self.maximum:
            raise c.ValidationError(f"expected a whole number from {self.minimum} to {self.maximum}, got {value!r}")
        return value


class PositiveNumber(c.BaseConfigOption[float]):
    """A number above zero (a size in megabytes may be fractional)."""

    def __init__(self, default: float) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 1e6:
            raise c.ValidationError(f"expected a number above 0 (megabytes), got {value!r}")
        return value


class SettingsSchema(base.Config):
    """The settings a maintainer may give under `extra:` in mkdocs.yml (with the
    `claimline_` prefix) or, for the first three, in the environment."""

    pagefind_from = WholeNumber(DEFAULT_PAGEFIND_FROM)
    max_seed_mb = PositiveNumber(DEFAULT_MAX_SEED_MB)
    parallel_from = WholeNumber(DEFAULT_PARALLEL_FROM, minimum=2)
    seeds = c.Optional(c.Type(str))
    source_date_epoch = WholeNumber(None, minimum=0, maximum=253402300799)  # up to 9999-12-31


# environment variable -> setting; the environment wins over mkdocs.yml
ENVIRONMENT = {
    "CLAIMLINE_PAGEFIND_FROM": "pagefind_from",
    "CLAIMLINE_MAX_SEED_MB": "max_seed_mb",
    "CLAIMLINE_PARALLEL_FROM": "parallel_from",
    "CLAIMLINE_SEEDS": "seeds",
    "SOURCE_DATE_EPOCH": "source_date_epoch",
}
FROM_FILE = ("pagefind_from", "max_seed_mb", "parallel_from")


def load_settings(extra: Mapping | None = None, environ: Mapping[str, str] | None = None) -> SettingsSchema:
    """Validated settings, or SettingsError naming the first wrong one."""
    extra = extra or {}
    environ = os.environ if environ is None else environ
    values: dict[str, object] = {}
    for key in sorted(k for k in extra if isinstance(k, str) and k.startswith(PREFIX)):
        name = key[len(PREFIX):]
        if name not in FROM_FILE:
            allowed = ", ".join(PREFIX + n for n in FROM_FILE)
            raise SettingsError(f"mkdocs.yml: unknown setting 'extra.{key}' (allowed: {allowed})")
        values[name] = extra[key]
    where = {name: f"mkdocs.yml: 'extra.{PREFIX}{name}'" for name in values}
    for variable, name in ENVIRONMENT.items():
        raw = environ.get(variable)
        if raw is None or (raw == "" and name != "seeds"):
            continue
        values[name] = raw if name == "seeds" else _number(raw)
        where[name] = f"environment variable {variable}"
    settings = SettingsSchema()
    settings.load_dict(values)
    errors, _ = settings.validate()
    if errors:
        name, error = errors[0]
        raise SettingsError(f"{where.get(name, name)}: {error}")
    return settings


def _number(raw: str) -> object:
    """Environment values are text: read a number if it is one, else keep the text for the message."""
    text = raw.strip()
    if text.isascii() and text.lstrip("-").isdigit():
        return int(text)
    try:
        return float(text) if text.isascii() else raw
    except ValueError:
        return raw


def seeds_folder(settings: SettingsSchema, config_file: str | Path) -> Path:
    """`CLAIMLINE_SEEDS` when set (the CLI's --seeds), else `seeds/` beside mkdocs.yml."""
    configured = settings.seeds
    return Path(configured) if configured else Path(config_file).parent / "seeds"


def max_seed_bytes(settings: SettingsSchema) -> int:
    """The seed size limit in bytes (a megabyte is 10**6 bytes, as `read.MB` counts it)."""
    from build_scripts.extract.read import MB

    return int(settings.max_seed_mb * MB)


def project_settings(config_file: str | Path, environ: Mapping[str, str] | None = None) -> SettingsSchema:
    """Settings for a command that runs without MkDocs (`check`, `convert`): the same
    `extra:` values the build reads, from the same mkdocs.yml (INHERIT and !ENV honoured)."""
    from mkdocs.utils.yaml import yaml_load

    import yaml

    try:
        with open(config_file, encoding="utf-8") as handle:
            document = yaml_load(handle) or {}
    except OSError as error:
        raise SettingsError(f"{config_file}: cannot be read: {error.strerror}") from None
    except (yaml.YAMLError, ValueError) as error:  # MkDocs would stop on it too
        raise SettingsError(f"{config_file}: not valid YAML: {str(error).splitlines()[0]}") from None
    extra = document.get("extra") if isinstance(document, dict) else None
    return load_settings(extra if isinstance(extra, dict) else {}, environ)
