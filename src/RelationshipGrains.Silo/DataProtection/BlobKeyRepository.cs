using System.Xml.Linq;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace RelationshipGrains.Silo.DataProtection;

/// <summary>
/// The cluster's Data Protection key ring in one blob container, a blob per key, so a sign-in cookie or an OpenID
/// Connect state made by one silo is readable by every other and survives restarts. Data Protection calls this
/// synchronously, and rarely: it caches the ring and reads it again about once a day.
/// </summary>
public sealed class BlobKeyRepository(BlobContainerClient container) : IXmlRepository
{
    private volatile bool _containerExists;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        EnsureContainer();
        List<XElement> elements = [];
        foreach (var blob in container.GetBlobs())
        {
            using var content = container.GetBlobClient(blob.Name).DownloadStreaming().Value.Content;
            elements.Add(XElement.Load(content));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        EnsureContainer();
        try
        {
            // Never over another element: names are unique ("key-<guid>"), so a conflict is our own retried upload.
            container.GetBlobClient($"{friendlyName}.xml").Upload(
                BinaryData.FromString(element.ToString(SaveOptions.DisableFormatting)),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } });
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
        }
    }

    private void EnsureContainer()
    {
        if (!_containerExists)
        {
            container.CreateIfNotExists();
            _containerExists = true;
        }
    }
}
