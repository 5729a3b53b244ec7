"""config/settings.py: the plugin's options, validated by MkDocs, and SOURCE_DATE_EPOCH."""

from __future__ import annotations

import pytest

from build_scripts.config.settings import (ClaimlineConfig, SettingsError, data_folder, max_seed_bytes,
                                           source_date_epoch, with_plugin_options)


def validated(options: dict):
    config = ClaimlineConfig(config_file_path="/p/mkdocs.yml")
    config.load_dict(options)
    errors, warnings = config.validate()
    return config, [(name, str(error)) for name, error in errors], warnings


def test_defaults_with_paths_beside_mkdocs_yml():
    config, errors, warnings = validated({})
    assert (errors, warnings) == ([], [])
    assert dict(config) == {"seeds_dir": "/p/seeds", "data_dir": None, "language": "en", "pagefind_from": 500,
                            "max_seed_mb": 32, "parallel_from": 400, "poll_seeds": False}
    assert (max_seed_bytes(config), data_folder(config)) == (32_000_000, None)


@pytest.mark.parametrize("options, error", [
    ({"pagefind_from": "lots"}, ("pagefind_from", "expected a whole number from 1 to 1000000000000, got 'lots'")),
    ({"pagefind_from": 0}, ("pagefind_from", "expected a whole number from 1 to 1000000000000, got 0")),
    ({"pagefind_from": True}, ("pagefind_from", "expected a whole number from 1 to 1000000000000, got True")),
    ({"pagefind_from": 2.0}, ("pagefind_from", "expected a whole number from 1 to 1000000000000, got 2.0")),
    ({"parallel_from": 1}, ("parallel_from", "expected a whole number from 2 to 1000000000000, got 1")),
    ({"max_seed_mb": 0}, ("max_seed_mb", "expected a number above 0 (megabytes), got 0")),
    ({"max_seed_mb": "32"}, ("max_seed_mb", "expected a number above 0 (megabytes), got '32'")),
    ({"poll_seeds": "yes"}, ("poll_seeds", "Expected type: <class 'bool'> but received: <class 'str'>")),
    ({"data_dir": "/nonexistent"}, ("data_dir", "The path '/nonexistent' isn't an existing directory.")),
])
def test_a_wrong_value_is_one_error_naming_the_option(options, error):
    assert validated(options)[1] == [error]


def test_a_fractional_size_limit_and_an_unknown_option():
    config, errors, warnings = validated({"max_seed_mb": 0.5, "colour": 1})
    assert (errors, max_seed_bytes(config)) == ([], 500_000)
    assert warnings == [("colour", "Unrecognised configuration name: colour")]  # an error under --strict


@pytest.mark.parametrize("environ, epoch", [
    ({}, None), ({"SOURCE_DATE_EPOCH": ""}, None), ({"SOURCE_DATE_EPOCH": " 1700000000 "}, 1700000000),
    ({"SOURCE_DATE_EPOCH": "253402300799"}, 253402300799),
])
def test_source_date_epoch(environ, epoch):
    assert source_date_epoch(environ) == epoch


@pytest.mark.parametrize("raw, shown", [("²", "'²'"), ("253402300800", "253402300800"), ("-1", "'-1'"), ("1.5", "'1.5'")])
def test_a_wrong_source_date_epoch_is_one_line(raw, shown):
    with pytest.raises(SettingsError) as raised:
        source_date_epoch({"SOURCE_DATE_EPOCH": raw})
    assert str(raised.value) == ("environment variable SOURCE_DATE_EPOCH: expected a whole number from 0 to "
                                 f"253402300799, got {shown}")


def test_options_set_over_the_plugins_own_in_every_form_mkdocs_yml_allows():
    assert with_plugin_options(["search", "claimline"], {"a": 1}) == ["search", {"claimline": {"a": 1}}]
    assert with_plugin_options(["search", {"claimline": {"a": 0, "b": 2}}], {"a": 1}) == [
        "search", {"claimline": {"a": 1, "b": 2}}]
    assert with_plugin_options({"search": {}, "claimline": None}, {"a": 1}) == {"search": {}, "claimline": {"a": 1}}
    assert with_plugin_options(["search"], {"a": 1}) == ["search"]  # not a claimline site: left as it is
    assert with_plugin_options(None, {"a": 1}) is None
