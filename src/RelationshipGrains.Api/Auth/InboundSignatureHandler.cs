using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RelationshipGrains.Api.Errors;
using RelationshipGrains.Integration.Webhooks;

namespace RelationshipGrains.Api.Auth;

/// <summary>
/// Authenticates a back-office webhook by its HMAC-SHA256 signature over the timestamp and the exact body, with the
/// secret configured for the source named in the route. A stale timestamp fails, so a captured request cannot be replayed later.
/// </summary>
public sealed class InboundSignatureHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<InboundSourceOptions> sources,
    TimeProvider time) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "InboundSignature";
    public const string SourceClaim = "inbound_source";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var signature = Request.Headers[WebhookSignature.SignatureHeader].ToString();
        if (string.IsNullOrEmpty(signature))
        {
            return AuthenticateResult.NoResult();
        }

        var source = Request.RouteValues["source"] as string;
        if (source is null || !sources.CurrentValue.Sources.TryGetValue(source, out var configured) || configured.Secret.Length == 0)
        {
            return AuthenticateResult.Fail("The signature is not valid.");
        }

        var timestamp = Request.Headers[WebhookSignature.TimestampHeader].ToString();
        if (timestamp.Length is 0 or > 12 || timestamp.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            // Said apart from a wrong signature: a sender cannot find this mistake by checking its secret.
            return AuthenticateResult.Fail(
                $"{WebhookSignature.TimestampHeader} must be the Unix time in seconds at which the message was signed (such as 1767225600), not '{(timestamp.Length > 40 ? timestamp[..40] + "..." : timestamp)}'.");
        }

        Request.EnableBuffering();
        using var reader = new StreamReader(Request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var body = await reader.ReadToEndAsync(Context.RequestAborted);
        Request.Body.Position = 0;
        if (!WebhookSignature.Verify(configured.Secret, Request.Headers[WebhookSignature.TimestampHeader], body, signature, time.GetUtcNow()))
        {
            return AuthenticateResult.Fail("The signature is not valid or its timestamp is more than five minutes away.");
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, source), new Claim(ClaimTypes.Role, ApiRoles.BackOffice), new Claim(SourceClaim, source)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Context.Items[StatusDetails.AuthenticationFailure] = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message
            ?? $"Sign the message: {WebhookSignature.TimestampHeader} (Unix seconds) and {WebhookSignature.SignatureHeader} (sha256=<lower-case hex HMAC-SHA256 of \"timestamp.body\"> under the source's secret).";
        await base.HandleChallengeAsync(properties);
    }
}
