"""Key remapping from config.toml and the read command's start-up errors."""
from __future__ import annotations

import pytest

from confreader.cli import main
from confreader.config import ConfigError, config_path, load_keymap
from confreader.tui.bindings import REMAPPABLE_IDS


def test_no_config_file_means_no_remapping(tmp_path):
    assert load_keymap(REMAPPABLE_IDS, tmp_path / "missing.toml") == {}


def test_keys_table_remaps_binding_ids(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[keys]\nquit = "ctrl+q"\ncopy_quote = "c, y"\n', encoding="utf-8")
    assert load_keymap(REMAPPABLE_IDS, path) == {"quit": "ctrl+q", "copy_quote": "c,y"}


@pytest.mark.parametrize("content, problem", [
    ('[keys]\nteleport = "x"\n', "unknown binding id 'teleport'"),
    ('[keys]\nquit = 3\n', "keys.quit must be a non-empty string"),
    ('keys = "q"\n', "[keys] must be a table"),
    ('[keys\nquit = "q"\n', "config.toml"),
])
def test_bad_config_is_one_line_naming_the_file(tmp_path, content, problem):
    path = tmp_path / "config.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_keymap(REMAPPABLE_IDS, path)
    message = str(caught.value)
    assert problem in message and str(path) in message and "\n" not in message


def test_config_lives_in_the_platform_config_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert config_path() == tmp_path / "confreader" / "config.toml"


def test_reader_refuses_a_bad_config_before_opening_the_terminal(monkeypatch, tmp_path, capsys, sample_json):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    (tmp_path / "confreader").mkdir()
    (tmp_path / "confreader" / "config.toml").write_text('[keys]\nnope = "x"\n', encoding="utf-8")
    assert main([str(sample_json)]) == 2
    assert "unknown binding id 'nope'" in capsys.readouterr().err


def test_reader_names_a_missing_path(capsys, tmp_path):
    assert main([str(tmp_path / "nowhere")]) == 2
    assert "nowhere: no such file or folder" in capsys.readouterr().err


def test_every_binding_id_is_unique_per_action():
    # One id means one thing to the user, even where several widgets carry it.
    from confreader.tui import bindings
    meaning: dict[str, str] = {}
    for group in (bindings.APP, bindings.READER, bindings.MOVEMENT, bindings.ARTICLE,
                  bindings.TABLE_MOVEMENT, bindings.LIBRARY, bindings.SEARCH, bindings.HELP):
        for binding in group:
            assert binding.id, f"{binding.key} has no id"
            assert meaning.setdefault(binding.id, binding.description) == binding.description
