"""ALS clinical-trial eligibility pre-screener: a pre-screen, not medical advice."""

__all__ = ["USER_AGENT"]

__version__ = "0.1.0"
USER_AGENT = f"als-prescreener/{__version__} (+https://github.com/als-prescreener; offline-first)"
