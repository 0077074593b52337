namespace RelationshipGrains.Integration.Erp;

/// <summary>The ERP's answer to an order or design request: its own id and the status it gives it.</summary>
public sealed record ErpAnswer(string Id, string Status);
