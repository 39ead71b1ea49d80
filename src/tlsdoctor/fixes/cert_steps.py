"""Fix steps for the certificate causes, from the finding and the chain it is about."""

from __future__ import annotations

from ..causes import Cause
from ..finding import Finding, FixStep
from . import certs, client, server
from .context import FixContext
from .steps import fixes, stem_of

# Causes whose steps are built from the chain's own names, keys and certificates.
NEEDS_CHAIN = frozenset({Cause.CERT_EXPIRED, Cause.CERT_EXPIRING_SOON, Cause.CERT_SELF_SIGNED,
                         Cause.INCOMPLETE_CHAIN, Cause.CERT_UNTRUSTED_ROOT,
                         Cause.BAD_CHAIN_ORDER_OR_EXTRA, Cause.WEAK_SIGNATURE_OR_KEY,
                         Cause.CERT_WRONG_PURPOSE, Cause.HOSTNAME_MISMATCH, Cause.CERT_REVOKED})


def _leaf_names(ctx: FixContext) -> list[str]:
    leaf = ctx.chain.leaf if ctx.chain is not None else None
    if leaf is None:
        return [ctx.host]
    info = leaf.info
    return list(info.dns_names) or ([info.common_name] if info.common_name else [ctx.host])


def _key_type(ctx: FixContext) -> str:
    leaf = ctx.chain.leaf if ctx.chain is not None else None
    return leaf.info.key_type if leaf is not None else "EC"


def _renew(ctx: FixContext) -> tuple[FixStep, ...]:
    return certs.renew_steps(_leaf_names(ctx), _key_type(ctx), fallback=ctx.host,
                             software=ctx.server_software)


def _bundle(ctx: FixContext, pem: str | None) -> tuple[FixStep, ...]:
    return certs.bundle_steps(pem, stem_of(ctx), ctx.server_software)


def _position(f: Finding) -> int:
    pos = f.facts.get("position", 0)
    return pos if isinstance(pos, int) else 0


@fixes(Cause.CERT_EXPIRED, Cause.CERT_EXPIRING_SOON)
def _expiry(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    chain = ctx.chain
    if f.facts.get("cross_sign") and chain is not None and chain.order is not None:
        return _bundle(ctx, chain.order.corrected_pem)  # the chain without the cross-sign
    if _position(f) == 0:
        return _renew(ctx)
    if f.cause is Cause.CERT_EXPIRING_SOON:
        return ()
    name = f.facts.get("subject", "the intermediate")
    return (FixStep(text=f"Download the current version of '{name}' from your CA and replace the "
                         "expired one in the chain file."), *_bundle(ctx, None))


@fixes(Cause.CERT_SELF_SIGNED)
def _self_signed(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    leaf = ctx.chain.leaf if ctx.chain is not None else None
    pem = leaf.pem if leaf is not None else None
    label = leaf.info.common_name if leaf is not None else ctx.host
    return (*_renew(ctx),
            FixStep(text="Or, for a private service, make each client trust this exact certificate:"),
            *client.trust_root(label, pem, ctx.service_url, client=ctx.client, what="server's self-signed certificate",
                               fingerprint=leaf.info.sha256 if leaf is not None else None))


@fixes(Cause.INCOMPLETE_CHAIN)
def _incomplete(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    chain = ctx.chain
    if f.facts.get("completed_chain") and chain is not None:
        which: tuple[FixStep, ...] = ()
        if f.facts.get("other_key"):  # two certificates: name the one to change
            key, other = f.facts.get("key"), f.facts.get("other_key")
            which = (FixStep(text=f"This server has two certificates, {key} and {other}: the "
                                  f"lines below replace the {key} certificate's certificate "
                                  f"and key lines (the ones naming the {key} files); leave the "
                                  f"{other} certificate's lines as they are."),)
        return (*which, *_bundle(ctx, chain.completed_chain_pem))
    steps = _bundle(ctx, None)
    issuer = str(f.facts.get("missing_issuer_name", ""))
    if f.facts.get("private_hint") and issuer:
        steps += (FixStep(text=f"If '{issuer}' is your own root CA, trust it on each client:"),
                  *client.trust_root(issuer, None, ctx.service_url, client=ctx.client))
    return steps


@fixes(Cause.CERT_UNTRUSTED_ROOT)
def _untrusted(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    name = str(f.facts.get("root_name", "internal-root-ca"))
    if f.facts.get("issuer_missing"):
        return (FixStep(text="If this is an internal CA, trust its root on the client:"),
                *client.trust_root(name, None, ctx.service_url, client=ctx.client),
                FixStep(text="If the site is public, the server must send the missing intermediate(s):"),
                *_bundle(ctx, None))
    chain = ctx.chain
    top = chain.path[-1] if chain is not None and chain.path else None
    pem = top.pem if top is not None else None
    fetched = f.facts.get("root_fetched_from")
    trust = client.trust_root(name, pem, ctx.service_url, client=ctx.client,
                              fingerprint=top.info.sha256 if top is not None else None,
                              fetched_from=str(fetched) if fetched else None)
    if f.facts.get("in_stores"):
        return (FixStep(text="Update this machine's CA bundle:",
                        code="sudo apt-get install --only-upgrade ca-certificates && "
                             "sudo update-ca-certificates", applies_to="system"), *trust)
    return (*trust, FixStep(text="For a public site, replace the certificate with one from a "
                                 "publicly trusted CA:"), *_renew(ctx))


@fixes(Cause.BAD_CHAIN_ORDER_OR_EXTRA)
def _order(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    chain = ctx.chain
    if "problems" not in f.facts or chain is None or chain.order is None:
        return ()
    if chain.order.only_root_sent and chain.must_staple and len(chain.path) == 2:
        # The stapling fix serves the root on purpose (snippets.toml [stapling_issuer]).
        return (FixStep(text="Keep the root here: this must-staple certificate is issued by "
                             "the root itself, and OpenSSL-based servers and clients (nginx, "
                             "curl --cert-status) look for the OCSP answer's signer only among "
                             "the certificates sent."),)
    return _bundle(ctx, chain.order.corrected_pem)


@fixes(Cause.WEAK_SIGNATURE_OR_KEY)
def _weak(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    if _position(f) != 0:
        return (FixStep(text="Get a chain from your CA whose intermediates use SHA-256 and "
                             "2048+-bit keys."),)
    return certs.reissue_steps(_leaf_names(ctx), "with SHA-256 and an ECDSA P-256 or RSA 2048+ key",
                               fallback=ctx.host, software=ctx.server_software)


@fixes(Cause.CERT_WRONG_PURPOSE)
def _purpose(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    issuer = f.facts.get("issuer_problems")
    if issuer and issuer == f.facts.get("problems") and isinstance(issuer, list):
        # The CA's constraints (name constraints, pathLen, its EKU or CA flag): the same CA
        # would issue the same refused chain. Another issuer, or that CA fixed.
        return (FixStep(text="The leaf is not what is wrong: " + "; ".join(map(str, issuer))
                             + ". Have the certificate issued by a CA whose constraints allow "
                               "it (a public CA, or for your own PKI an intermediate without "
                               "that constraint, directly under a CA that allows it), or "
                               "reissue that intermediate without the constraint."),
                *certs.reissue_steps(_leaf_names(ctx), "by an issuer whose constraints allow "
                                     "it", fallback=ctx.host, software=ctx.server_software))
    return certs.reissue_steps(_leaf_names(ctx), "as a TLS server certificate (EKU serverAuth, "
                               "keyUsage digitalSignature, CA:FALSE)", fallback=ctx.host,
                               software=ctx.server_software)


@fixes(Cause.HOSTNAME_MISMATCH)
def _hostname(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    steps: list[FixStep] = []
    suggestion = f.facts.get("suggestion")
    if suggestion:
        steps.append(FixStep(text=f"Connect to https://{suggestion}/ (covered by the certificate), "
                                  "or redirect there."))
    # The new certificate is for the name asked for, not the wrong certificate's names
    # (which belong to another site); then it is installed like any renewal.
    wanted = str(f.facts.get("wanted") or f.facts.get("hostname") or ctx.host)
    steps.extend(certs.reissue_steps([wanted], f"for '{wanted}' (in its subjectAltName)",
                                     fallback=ctx.host, software=ctx.server_software))
    return tuple(steps)


@fixes(Cause.CERT_REVOKED)
def _revoked(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    return (FixStep(text="Find out why it was revoked (key compromise?); if so, generate a new key."),
            *_renew(ctx))


@fixes(Cause.OCSP_MUST_STAPLE_MISSING)
def _staple(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    chain = ctx.chain
    issuers = "".join(p.pem for p in chain.path[1:]) if chain is not None else ""
    leaf = chain.leaf if chain is not None else None
    url = leaf.info.ocsp_urls[0] if leaf is not None and leaf.info.ocsp_urls else None
    # The leaf's issuer in what the server sends (path[1] served), or only found elsewhere.
    served = chain is None or len(chain.path) < 2 or chain.path[1].served_index is not None
    return server.stapling(ctx.server_software, issuers_pem=issuers or None,
                           stem=stem_of(ctx), ocsp_url=url, issuer_served=served)
