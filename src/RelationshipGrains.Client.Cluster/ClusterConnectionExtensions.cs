using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Clustering.AzureStorage;
using RelationshipGrains.Client.Security;

namespace RelationshipGrains.Client;

/// <summary>Connects the grain client to a production cluster.</summary>
public static class ClusterConnectionExtensions
{
    /// <summary>
    /// Applies the <c>RelationshipGrains:Client</c> settings a production cluster needs: <c>Tls</c> (this client's
    /// certificate and the cluster's authority, for mutual TLS to the gateways) and <c>ClusteringConnectionString</c>
    /// (live gateways from the cluster's membership table instead of a fixed list). Pass it to
    /// <c>AddRelationshipGrainsClient(orleans => orleans.UseRelationshipGrainsCluster())</c>.
    /// </summary>
    /// <param name="client">Orleans' client builder, as <c>AddRelationshipGrainsClient</c> hands it over.</param>
    /// <exception cref="InvalidOperationException">The TLS settings are incomplete or unreadable (the message names each setting).</exception>
    public static IClientBuilder UseRelationshipGrainsCluster(this IClientBuilder client)
    {
        var options = RelationshipGrainsClientOptions.Read(client.Configuration);
        if (!string.IsNullOrWhiteSpace(options.ClusteringConnectionString))
        {
            client.UseAzureStorageClustering((AzureStorageGatewayOptions table) =>
            {
                table.TableServiceClient = new TableServiceClient(options.ClusteringConnectionString);
                if (!string.IsNullOrWhiteSpace(options.ClusteringTableName))
                {
                    table.TableName = options.ClusteringTableName;
                }
            });
        }

        if (options.Tls.IsConfigured)
        {
            var problems = ClusterCertificates.Problems(options.Tls, $"{RelationshipGrainsClientOptions.Section}:Tls");
            if (problems.Count > 0)
            {
                throw new InvalidOperationException("The grain client's TLS settings are incomplete: " + string.Join(" ", problems));
            }

            var authority = ClusterCertificates.LoadAuthority(options.Tls);
            client.UseTls(ClusterCertificates.LoadCertificate(options.Tls), tls => ClusterCertificates.RequireMutualTls(tls, authority));
        }

        client.Services.AddSingleton<ClusterConnectionApplied>();
        return client;
    }
}
