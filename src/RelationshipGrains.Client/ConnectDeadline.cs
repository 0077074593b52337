using System.Net;
using System.Net.Sockets;
using RelationshipGrains.Errors;

namespace RelationshipGrains.Client;

/// <summary>
/// Keeps trying to reach the cluster while a client starts, with a short doubling wait, until
/// <see cref="RelationshipGrainsClientOptions.ConnectTimeout"/> has passed since the first failure; then fails the
/// start with one <see cref="RelationshipUnavailableException"/> that says where it looked and what to check.
/// </summary>
/// <param name="options">The client's settings.</param>
/// <param name="where">Where the client looks, as the message says it.</param>
/// <param name="gateways">The configured gateways; empty when they come from the cluster's membership table.</param>
/// <param name="time">The clock.</param>
internal sealed class ConnectDeadline(RelationshipGrainsClientOptions options, string where, IReadOnlyList<IPEndPoint> gateways, TimeProvider time)
    : IClientConnectionRetryFilter
{
    private static readonly TimeSpan FirstWait = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(5);

    private long? _firstFailure;
    private int _failures;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        _firstFailure ??= time.GetTimestamp();
        var left = options.ConnectTimeout - time.GetElapsedTime(_firstFailure.Value);
        if (left <= TimeSpan.Zero)
        {
            throw new RelationshipUnavailableException(
                $"Could not reach the RelationshipGrains cluster '{options.ClusterId}' (service '{options.ServiceId}') at {where} within " +
                $"{options.ConnectTimeout.TotalSeconds:0.#} s ({_failures + 1} attempts; the last: {exception.Message}). " +
                await WhatToCheckAsync(cancellationToken),
                (int)Math.Ceiling(LongestWait.TotalSeconds), exception);
        }

        var wait = TimeSpan.FromTicks(Math.Min(LongestWait.Ticks, FirstWait.Ticks << Math.Min(_failures, 10)));
        _failures++;
        await Task.Delay(wait < left ? wait : left, time, cancellationToken);
        return true;
    }

    /// <summary>
    /// Orleans reports a gateway that is not there and one that closed the connection alike. A configured gateway that
    /// takes a plain TCP connection is a silo that refused this client: without TLS settings, most likely because the
    /// cluster requires mutual TLS.
    /// </summary>
    private async Task<string> WhatToCheckAsync(CancellationToken cancellationToken)
    {
        var ids = $"that {RelationshipGrainsClientOptions.Section}:ClusterId and :ServiceId match the silos'";
        var tls = $"{RelationshipGrainsClientOptions.Section}:Tls:CertificateFile, :KeyFile and :CaFile";
        if (options.Tls.IsConfigured)
        {
            return $"Check that a silo is running there and {ids}.";
        }

        if (gateways.Count == 0)
        {
            return $"Check that a silo is running and {ids}; if the cluster requires mutual TLS (the Production profile does), set {tls}.";
        }

        return await AnyListensAsync(cancellationToken)
            ? $"A silo answers there but did not take this client: if the cluster requires mutual TLS (the Production profile does), set {tls} " +
              $"and connect with RelationshipGrains.Client.Cluster; otherwise check {ids}."
            : $"Check that a silo is running there and {ids}.";
    }

    private async Task<bool> AnyListensAsync(CancellationToken cancellationToken)
    {
        foreach (var gateway in gateways)
        {
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bound.CancelAfter(TimeSpan.FromSeconds(1));
            using var socket = new Socket(gateway.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(gateway, bound.Token);
                return true;
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
            }
        }

        return false;
    }
}
