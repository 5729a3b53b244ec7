"""What a build may be told, declared once and validated by MkDocs: the claimline plugin's
options in mkdocs.yml, and the standard `SOURCE_DATE_EPOCH` environment variable.

```yaml
plugins:
  - search
  - claimline:
      seeds_dir: seeds      # beside mkdocs.yml
      pagefind_from: 500
```

A wrong type or a value out of range is MkDocs' own one-line configuration error; an
unknown option is MkDocs' warning, an error under `--strict`. Nothing else in the
environment configures a build.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Mapping

from mkdocs.config import base
from mkdocs.config import config_options as c

PLUGIN = "claimline"
DEFAULT_PAGEFIND_FROM = 500
DEFAULT_MAX_SEED_MB = 32
DEFAULT_PARALLEL_FROM = 400
LAST_EPOCH = 253402300799  # 9999-12-31T23:59:59Z: a later date has no four-digit year


class SettingsError(ValueError):
    """A setting with a wrong value: its message is one line naming the setting."""


class WholeNumber(c.BaseConfigOption[int]):
    """A whole number from `minimum` to `maximum` (booleans, floats and text refused)."""

    def __init__(self, default: int, minimum: int = 1, maximum: int = 10**12) -> None:
        super().__init__()
        self.default, self.minimum, self.maximum = default, minimum, maximum

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


class ClaimlineConfig(base.Config):
    """The claimline plugin's options. Paths are relative to mkdocs.yml, as MkDocs' own are."""

    seeds_dir = c.Dir(exists=False, default="seeds")  # a missing folder is the build's one-line error
    data_dir = c.Optional(c.Dir(exists=True))  # a maintainer's own data folder; the shipped one when unset
    language = c.Type(str, default="en")  # the language file in the data folder (languages/LANG.yml)
    pagefind_from = WholeNumber(DEFAULT_PAGEFIND_FROM)  # sources from which search uses Pagefind
    max_seed_mb = PositiveNumber(DEFAULT_MAX_SEED_MB)  # in MB of 10**6 bytes
    parallel_from = WholeNumber(DEFAULT_PARALLEL_FROM, minimum=2)  # items from which work uses every core
    poll_seeds = c.Type(bool, default=False)  # `mkdocs serve` polls the seeds folder (network shares) instead of notices


def max_seed_bytes(settings: ClaimlineConfig) -> int:
    """The seed size limit in bytes (a megabyte is 10**6 bytes, as `read.MB` counts it)."""
    from build_scripts.extract.read import MB

    return int(settings.max_seed_mb * MB)


def data_folder(settings: ClaimlineConfig) -> Path | None:
    """The maintainer's data folder, or None for the shipped one."""
    return Path(settings.data_dir) if settings.data_dir else None


def configured_vocabulary(settings: ClaimlineConfig):
    """The word lists and rules the options choose (`data_dir`, `language`), loaded once per
    process and checked against their schema: VocabularyError names the file and line."""
    from build_scripts.config.vocabulary import load_vocabulary

    return load_vocabulary(data_folder(settings), settings.language)


def source_date_epoch(environ: Mapping[str, str] | None = None) -> int | None:
    """`SOURCE_DATE_EPOCH` (the reproducible-builds standard) as seconds, None when unset;
    SettingsError for anything but a whole number from 0 to the end of year 9999."""
    raw = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "")
    if raw == "":
        return None
    text = raw.strip()
    value: object = int(text) if text.isascii() and text.isdigit() else raw
    try:
        return WholeNumber(0, minimum=0, maximum=LAST_EPOCH).run_validation(value)
    except c.ValidationError as error:
        raise SettingsError(f"environment variable SOURCE_DATE_EPOCH: {error}") from None


def with_plugin_options(plugins: object, options: Mapping[str, object]) -> object:
    """A `plugins:` value (a list or a mapping, as in mkdocs.yml) with `options` set over the
    claimline plugin's own: how a caller overrides options through MkDocs' configuration, so
    they are validated exactly as mkdocs.yml's are. A value without the plugin is returned as
    it is (a configuration that does not use claimline is built without it)."""
    if isinstance(plugins, dict) and PLUGIN in plugins:
        return {**plugins, PLUGIN: {**(plugins[PLUGIN] or {}), **options}}
    if not isinstance(plugins, list):
        return plugins
    for index, entry in enumerate(plugins):
        if entry == PLUGIN or (isinstance(entry, dict) and list(entry) == [PLUGIN]):
            own = entry[PLUGIN] if isinstance(entry, dict) else None
            return [*plugins[:index], {PLUGIN: {**(own or {}), **options}}, *plugins[index + 1:]]
    return plugins


def load_project_config(config_file: str | Path, options: Mapping[str, object] | None = None, **mkdocs_options):
    """MkDocs' own `load_config` of `config_file`, with `options` over the claimline
    plugin's. Raises MkDocs' `Abort` after logging each wrong value on one line, as
    `mkdocs build` does."""
    from mkdocs.config import load_config
    from mkdocs.utils.yaml import yaml_load

    with open(config_file, "rb") as handle:
        document = yaml_load(handle)  # INHERIT and !ENV resolved as load_config resolves them
    plugins = document.get("plugins") if isinstance(document, dict) else None
    return load_config(str(config_file), plugins=with_plugin_options(plugins, options or {}), **mkdocs_options)


def plugin_settings(config) -> ClaimlineConfig:
    """The claimline plugin's validated options from a loaded MkDocs config."""
    if PLUGIN not in config.plugins:
        raise SettingsError(f"{config.config_file_path}: the {PLUGIN} plugin is not in `plugins:` (or is disabled)")
    return config.plugins[PLUGIN].config
