using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Connectors.Shared;
using static IntegrationHub.Connectors.Shared.CanonicalValues;

namespace IntegrationHub.Connectors.QuickBooks.Mapping;

/// <summary>QBO Customer ↔ canonical Customer. The hub's reference lives in <c>Notes</c>, which QBO keeps and the query language can filter on.</summary>
public static class QboCustomerMapping
{
    public static JsonObject ToCanonical(JsonElement qbo)
    {
        var address = qbo.Obj("BillAddr");
        return new JsonObject
        {
            ["name"] = Value(qbo.Str("DisplayName")),
            ["companyName"] = Value(qbo.Str("CompanyName")),
            ["email"] = Value(qbo.Obj("PrimaryEmailAddr").Str("Address")),
            ["phone"] = Value(qbo.Obj("PrimaryPhone").Str("FreeFormNumber")),
            ["currency"] = Value(qbo.Obj("CurrencyRef").Str("value")),
            ["taxNumber"] = Value(qbo.Str("ResaleNum")),
            ["active"] = Value(qbo.Bool("Active") ?? true),
            ["billingAddress"] = address is null ? null : new JsonObject
            {
                ["line1"] = Value(address.Str("Line1")),
                ["line2"] = Value(address.Str("Line2")),
                ["city"] = Value(address.Str("City")),
                ["region"] = Value(address.Str("CountrySubDivisionCode")),
                ["postalCode"] = Value(address.Str("PostalCode")),
                ["country"] = Value(address.Str("Country")),
            },
        };
    }

    /// <summary>
    /// The QBO body for a create (<paramref name="current"/> null) or a full update: the current payload with the mapped
    /// fields laid over it, so every field the hub does not map (terms, shipping address, custom fields…) goes back unchanged.
    /// </summary>
    public static JsonObject ToQbo(JsonObject canonical, JsonObject? current, string? reference)
    {
        var body = current is null ? new JsonObject() : (JsonObject)current.DeepClone();
        body.Put(canonical, "name", "DisplayName", JsonRead.Copy);
        body.Put(canonical, "companyName", "CompanyName", JsonRead.Copy);
        body.Put(canonical, "email", "PrimaryEmailAddr", v => new JsonObject { ["Address"] = v.DeepClone() });
        body.Put(canonical, "phone", "PrimaryPhone", v => new JsonObject { ["FreeFormNumber"] = v.DeepClone() });
        body.Put(canonical, "taxNumber", "ResaleNum", JsonRead.Copy);
        body.Put(canonical, "active", "Active", JsonRead.Copy);
        // QBO fixes a customer's currency at creation; sending a different one on update is a validation error.
        if (current is null) body.Put(canonical, "currency", "CurrencyRef", v => new JsonObject { ["value"] = v.DeepClone() });
        if (canonical.TryGetPropertyValue("billingAddress", out var addressNode))
        {
            if (addressNode is JsonObject address)
            {
                var bill = body.Obj("BillAddr") is { } existing ? (JsonObject)existing.DeepClone() : new JsonObject();
                bill.Put(address, "line1", "Line1", JsonRead.Copy);
                bill.Put(address, "line2", "Line2", JsonRead.Copy);
                bill.Put(address, "city", "City", JsonRead.Copy);
                bill.Put(address, "region", "CountrySubDivisionCode", JsonRead.Copy);
                bill.Put(address, "postalCode", "PostalCode", JsonRead.Copy);
                bill.Put(address, "country", "Country", JsonRead.Copy);
                body["BillAddr"] = bill;
            }
            else
            {
                body.Remove("BillAddr");
            }
        }
        if (reference is not null && current is null) body["Notes"] = reference;
        return body;
    }
}
