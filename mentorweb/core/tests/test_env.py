import pytest

from mentorweb.core.env import ImproperEnvironment, envbool, envint, envlist, envsecret


def test_envbool_reads_common_spellings(monkeypatch):
    monkeypatch.setenv("FLAG", "Yes")
    assert envbool("FLAG") is True
    monkeypatch.setenv("FLAG", "off")
    assert envbool("FLAG", True) is False


def test_envbool_refuses_nonsense(monkeypatch):
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperEnvironment, match="FLAG='maybe' is not a boolean"):
        envbool("FLAG")


def test_envint(monkeypatch):
    monkeypatch.delenv("COUNT", raising=False)
    assert envint("COUNT", 3) == 3
    monkeypatch.setenv("COUNT", "12")
    assert envint("COUNT", 3) == 12
    monkeypatch.setenv("COUNT", "twelve")
    with pytest.raises(ImproperEnvironment, match="COUNT"):
        envint("COUNT", 3)


def test_envlist(monkeypatch):
    monkeypatch.setenv("HOSTS", " a.example , b.example,, ")
    assert envlist("HOSTS") == ["a.example", "b.example"]


def test_envsecret_required_in_production(monkeypatch):
    monkeypatch.delenv("SECRET", raising=False)
    assert envsecret("SECRET", debug=True, dev_default="dev") == "dev"
    with pytest.raises(ImproperEnvironment, match="SECRET must be set"):
        envsecret("SECRET", debug=False, dev_default="dev")
