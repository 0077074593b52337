using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using RelationshipGrains.Persistence.AzureStorage;

namespace Orleans.Hosting;

/// <summary>
/// Same shape as the official Microsoft.Orleans.Persistence.AzureStorage registration, so switching to it is one line.
/// </summary>
public static class AzureBlobGrainStorageExtensions
{
    public static ISiloBuilder AddAzureBlobGrainStorage(this ISiloBuilder builder, string name, Action<AzureBlobStorageOptions> configureOptions) =>
        builder.AddAzureBlobGrainStorage(name, o => o.Configure(configureOptions));

    public static ISiloBuilder AddAzureBlobGrainStorage(
        this ISiloBuilder builder, string name, Action<OptionsBuilder<AzureBlobStorageOptions>> configureOptions)
    {
        builder.Services.AddAzureBlobGrainStorage(name, configureOptions);
        return builder;
    }

    public static IServiceCollection AddAzureBlobGrainStorage(
        this IServiceCollection services, string name, Action<OptionsBuilder<AzureBlobStorageOptions>> configureOptions)
    {
        configureOptions(services.AddOptions<AzureBlobStorageOptions>(name).ValidateOnStart());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AzureBlobStorageOptions>, AzureBlobStorageOptionsValidator>());
        return services.AddGrainStorage(name, (sp, key) => new AzureBlobGrainStorage(
            key,
            sp.GetRequiredService<IOptionsMonitor<AzureBlobStorageOptions>>().Get(key),
            sp.GetRequiredService<Serializer>(),
            sp.GetRequiredService<ILogger<AzureBlobGrainStorage>>()));
    }
}
