using Microsoft.Extensions.Options;
using RelationshipGrains.Api.Auth;
using RelationshipGrains.Api.Auth.SignIn;
using RelationshipGrains.Api.Hosting;

namespace RelationshipGrains.Silo.Hosting;

/// <summary>
/// Everything the configuration can be checked for before the host is built, in one pass: each setting's form, the
/// profile, what a production silo cannot run without, the API keys and staff sign-in. The options validators that
/// run when the host starts are run by Program before it does, so their failures read the same way.
/// </summary>
public static class StartupChecks
{
    public static void ThrowIfAny(IConfiguration configuration)
    {
        var problems = SettingFormats.Problems(configuration);
        var profile = configuration[$"{SiloOptions.Section}:Profile"] ?? EmbeddedProfile.Name;
        var production = string.Equals(profile, ProductionProfile.Name, StringComparison.OrdinalIgnoreCase);
        if (!production && !string.Equals(profile, EmbeddedProfile.Name, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"Silo__Profile '{profile}' is not known; use {EmbeddedProfile.Name} or {ProductionProfile.Name}.");
        }

        if (production)
        {
            problems.AddRange(ProductionSettings.Problems(configuration));
        }

        problems.AddRange(DataProtection.KeyRingProtection.Problems(configuration));

        // The embedded profile brings development keys when none are configured.
        var keysToCheck = production || configuration.GetSection($"{ApiKeyOptions.Section}:Keys").GetChildren().Any();
        if (keysToCheck && !problems.Any(p => p.StartsWith("Auth__", StringComparison.Ordinal)))
        {
            // Bound only when their values convert; the validators name settings with ':', as Orleans' and ours all do.
            problems.AddRange(AccessProblems(configuration, developmentKeysAllowed: !production).Select(StartupRefusal.TypedIn));
        }

        StartupRefusal.ThrowIfAny(problems);
    }

    private static IEnumerable<string> AccessProblems(IConfiguration configuration, bool developmentKeysAllowed)
    {
        var signIn = configuration.GetSection(SignInOptions.Section).Get<SignInOptions>() ?? new SignInOptions();
        var keys = configuration.GetSection(ApiKeyOptions.Section).Get<ApiKeyOptions>() ?? new ApiKeyOptions();
        var validator = new ApiKeyOptionsValidator(Options.Create(new ApiOptions { DevelopmentKeysAllowed = developmentKeysAllowed }), Options.Create(signIn));
        return [.. validator.Validate(null, keys).Failures ?? [], .. new SignInOptionsValidator().Validate(null, signIn).Failures ?? []];
    }
}
