using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Dashboard.Server.Accounts;

/// <summary>
/// Data Protection's key ring in our PostgreSQL (table protection_keys), so every server instance reads the secrets
/// another stored (webhook URLs, chat ids) and a restart keeps them readable. Whoever holds the database holds the
/// keys too: put the key ring elsewhere (DataProtection:KeysPath) where that matters.
/// </summary>
public sealed class ProtectionKeys(NpgsqlDataSource dataSource) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var read = dataSource.CreateCommand("select xml from protection_keys order by created_at");
        using var reader = read.ExecuteReader();
        var keys = new List<XElement>();
        while (reader.Read())
        {
            keys.Add(XElement.Parse(reader.GetString(0)));
        }

        return keys;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var write = dataSource.CreateCommand("insert into protection_keys (name, xml) values (@name, @xml) on conflict (name) do nothing");
        write.Parameters.AddWithValue("name", friendlyName);
        write.Parameters.AddWithValue("xml", element.ToString(SaveOptions.DisableFormatting));
        write.ExecuteNonQuery();
    }
}
