using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RelationshipGrains.Grains.Integration;
using RelationshipGrains.Grains.Webhooks;
using RelationshipGrains.Integration.Consumers;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Integration.Direct;
using RelationshipGrains.Integration.Erp;
using RelationshipGrains.Integration.Publishing;
using RelationshipGrains.Integration.Reporting;
using RelationshipGrains.Integration.Webhooks;

namespace RelationshipGrains.Integration.Hosting;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// The back-office integration on MassTransit: grains' outboxes publish on the bus, inbound messages reach their
    /// grains, and the ERP, webhook and BI adapters consume what we publish. The transport comes from "Messaging";
    /// <paramref name="configureBus"/> lets a host add its own consumers or observers. On the in-memory transport our
    /// adapters take the outboxes' events directly (<see cref="DirectDelivery"/>), unless a host adds to the bus: its
    /// consumers then get them on the bus, as ours do.
    /// </summary>
    public static IServiceCollection AddRelationshipGrainsMessaging(this IServiceCollection services, IConfiguration configuration,
        Action<IBusRegistrationConfigurator>? configureBus = null)
    {
        var messaging = configuration.GetSection("Messaging").Get<MessagingOptions>() ?? new MessagingOptions();
        var direct = messaging.Transport == MessagingTransport.InMemory && configureBus is null;
        services.AddRelationshipGrainsIntegration(configuration);
        if (direct)
        {
            services.AddDirectDelivery(configuration);
        }

        services.AddMassTransit(bus =>
        {
            // MassTransit reports usage to its vendor unless told not to; we call nothing an operator did not configure.
            bus.DisableUsageTelemetry();
            bus.AddRelationshipGrainsConsumers(configuration, outbound: !direct);
            configureBus?.Invoke(bus);
            if (messaging.Transport == MessagingTransport.RabbitMq)
            {
                var rabbit = messaging.RabbitMq;
                if (string.IsNullOrWhiteSpace(rabbit.Username) || string.IsNullOrWhiteSpace(rabbit.Password))
                {
                    throw new InvalidOperationException("Messaging:RabbitMq:Username and Messaging:RabbitMq:Password are required with Messaging:Transport = RabbitMq.");
                }

                services.AddSingleton<BusStartOutcome>();
                services.AddBusObserver(provider => new BusStartRefusal(provider.GetRequiredService<IHostApplicationLifetime>(),
                    provider.GetRequiredService<BusStartOutcome>(), rabbit, provider.GetRequiredService<ILogger<BusStartRefusal>>()));
                bus.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(rabbit.Host, rabbit.Port, rabbit.VirtualHost, h =>
                    {
                        h.Username(rabbit.Username);
                        h.Password(rabbit.Password);
                        if (rabbit.UseTls)
                        {
                            h.UseSsl(s => s.ServerName = rabbit.Host);
                        }
                    });
                    cfg.UseDeploymentPrefix(messaging.QueuePrefix);
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                services.AddSingleton(provider => InProcessHandling.For(
                    OurConsumers(configuration), [.. IntegrationEvents.Outbound, .. IntegrationEvents.Inbound], provider.GetRequiredService<IEndpointNameFormatter>()));
                bus.UsingInMemory((context, cfg) =>
                {
                    cfg.UseInProcessSerialization();
                    cfg.UseDeploymentPrefix(messaging.QueuePrefix);
                    cfg.ConfigureEndpoints(context);
                });
            }
        });
        return services;
    }

    /// <summary>Everything but the bus itself (tests pair it with the MassTransit test harness).</summary>
    public static IServiceCollection AddRelationshipGrainsIntegration(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.Replace(ServiceDescriptor.Singleton<IIntegrationEventPublisher, MassTransitIntegrationEventPublisher>());
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection("Webhooks"))
            .Validate(o => o.Attempts is >= 1 and <= 20, "Webhooks:Attempts must be between 1 and 20.")
            .Validate(o => o.FirstRetryDelay >= TimeSpan.Zero && o.Timeout > TimeSpan.Zero, "Webhooks:FirstRetryDelay and Webhooks:Timeout must be positive.")
            .Validate(o => o.TargetCacheLease > TimeSpan.Zero && o.TargetCacheLease <= TimeSpan.FromMinutes(1),
                "Webhooks:TargetCacheLease must be more than zero and at most one minute (a subscription change waits that long).")
            .ValidateOnStart();
        var allowInternal = configuration.GetValue<bool>("Webhooks:AllowInternalTargets");
        services.AddHttpClient<WebhookSender>().ConfigurePrimaryHttpMessageHandler(() => GuardedConnections.Handler(allowInternal));
        services.AddTransient<WebhookDispatcher>();
        services.AddTransient<IWebhookAttempts>(sp => sp.GetRequiredService<WebhookDispatcher>());
        services.AddSingleton<FailingReceivers>();
        services.AddSingleton<WebhookTargetCache>();
        if (ErpSettings(configuration) is { } erp)
        {
            services.AddHttpClient<ErpClient>(http =>
            {
                http.BaseAddress = erp.BaseUrl!.AbsoluteUri.EndsWith('/') ? erp.BaseUrl : new Uri(erp.BaseUrl.AbsoluteUri + "/");
                http.Timeout = erp.Timeout;
                if (erp.ApiKey is { Length: > 0 } key)
                {
                    http.DefaultRequestHeaders.Authorization = new("Bearer", key);
                }
            });
        }

        return services;
    }

    /// <summary>
    /// Our consumers, with retries for transient failures and none for messages that can never succeed; with
    /// <paramref name="outbound"/> false, only those of inbound messages (<see cref="DirectDelivery"/> takes the rest).
    /// </summary>
    public static void AddRelationshipGrainsConsumers(this IBusRegistrationConfigurator bus, IConfiguration configuration, bool outbound = true)
    {
        var prefix = configuration.GetValue<string>("Messaging:QueuePrefix");
        bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(string.IsNullOrEmpty(prefix) ? null : prefix, false));
        bus.AddConsumer<CustomerUpdatesConsumer>();
        bus.AddConsumer<ErpOrderStatusChangedConsumer>();
        // The one list DirectDelivery and InProcessHandling read too: two lists had to be kept alike by hand.
        foreach (var consumer in outbound ? OutboundConsumers(configuration) : [])
        {
            if (consumer == typeof(InteractionMetricsConsumer))
            {
                var transport = configuration.GetValue("Messaging:Transport", MessagingTransport.InMemory);
                bus.AddConsumer<InteractionMetricsConsumer>(c => c.Options<BatchOptions>(o =>
                    o.SetMessageLimit(InteractionMetricsConsumer.BatchSizeFor(transport)).SetTimeLimit(InteractionMetricsConsumer.BatchWindow)));
            }
            else
            {
                bus.AddConsumer(consumer);
            }
        }

        bus.AddConfigureEndpointsCallback((context, name, endpoint) =>
        {
            // Added first, so it wraps the retries: a message is finished only after its last attempt.
            if (context.GetService<InProcessHandling>() is { } handling)
            {
                endpoint.UseFilter(new HandledFilter(handling, name));
            }

            endpoint.UseMessageRetry(ConsumerRetries.Configure);
        });
    }

    /// <summary>
    /// The embedded silo's outboxes hand their events to our consumers directly, under the names of the endpoints they
    /// would have on the bus, which <see cref="InProcessHandling"/> waits for.
    /// </summary>
    private static void AddDirectDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        foreach (var consumer in OutboundConsumers(configuration))
        {
            services.TryAddScoped(consumer);
        }

        services.AddSingleton(provider =>
        {
            var names = provider.GetRequiredService<IEndpointNameFormatter>();
            return new DirectDelivery(
                OutboundConsumers(configuration).Select(c => c == typeof(InteractionMetricsConsumer)
                    ? new DirectConsumer(c, ConsumerEndpoints.Name(names, c), InteractionMetricsConsumer.BatchSize, InteractionMetricsConsumer.BatchWindow)
                    : new DirectConsumer(c, ConsumerEndpoints.Name(names, c))),
                provider.GetRequiredService<InProcessHandling>(),
                new InProcessAnswers(provider.GetRequiredService<IBus>(), provider.GetRequiredService<InProcessHandling>(), provider.GetRequiredService<TimeProvider>()),
                provider.GetRequiredService<IServiceScopeFactory>(),
                provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<DirectDelivery>>());
        });
        services.Replace(ServiceDescriptor.Singleton<IIntegrationEventPublisher>(provider => provider.GetRequiredService<DirectDelivery>()));
        // Registered after the silo, so it stops before the silo does.
        services.AddHostedService(provider => provider.GetRequiredService<DirectDelivery>());
    }

    /// <summary>The consumers <see cref="AddRelationshipGrainsConsumers"/> registers, one receive endpoint each.</summary>
    private static IEnumerable<Type> OurConsumers(IConfiguration configuration) =>
        [typeof(CustomerUpdatesConsumer), typeof(ErpOrderStatusChangedConsumer), .. OutboundConsumers(configuration)];

    /// <summary>Our consumers of the events grains publish.</summary>
    private static IEnumerable<Type> OutboundConsumers(IConfiguration configuration) =>
    [
        typeof(WebhookConsumer), typeof(RelationshipMetricsConsumer), typeof(InteractionMetricsConsumer),
        .. ErpSettings(configuration) is null ? Array.Empty<Type>() : [typeof(ErpConsumer)],
    ];

    private static ErpOptions? ErpSettings(IConfiguration configuration) =>
        configuration.GetSection("Erp").Get<ErpOptions>() is { BaseUrl: not null } erp ? erp : null;
}
