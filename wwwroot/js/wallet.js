// The only code that talks to the user's wallet. It finds wallets (EIP-6963, with the EIP-1193 window.ethereum
// as fallback), connects, follows account and chain changes, switches (or adds) chains and sends the
// transactions the server built. It builds nothing itself: calldata comes from the dashboard's C# side.
//
// Every call answers { ok: true, value } or { ok: false, code, message } with the EIP-1193 error code
// (4001 rejected, 4100 unauthorized, 4200 unsupported, 4900/4901 disconnected, 4902 unknown chain, ...).

const announced = new Map();
let current = null; // { id, info, provider }
let listener = null; // the .NET object told about changes
let handlers = null;

window.addEventListener('eip6963:announceProvider', event => {
  const { info, provider } = event.detail ?? {};
  if (info?.uuid && provider) {
    announced.set(info.uuid, { id: info.uuid, info, provider });
  }
});

function answer(value) {
  return { ok: true, value };
}

function failure(error) {
  const code = typeof error?.code === 'number' ? error.code : -1;
  const message = error?.data?.message ?? error?.message ?? String(error);
  return { ok: false, code, message };
}

function describe(entry) {
  return { id: entry.id, name: entry.info.name, icon: entry.info.icon ?? null, rdns: entry.info.rdns ?? null };
}

// An EIP-6963 uuid is unique for one page load only; across reloads a wallet is known by its rdns.
function find(idOrRdns) {
  return announced.get(idOrRdns) ?? [...announced.values()].find(entry => entry.info.rdns && entry.info.rdns === idOrRdns);
}

/** Remembers who to tell about account and chain changes. */
export function init(dotnet) {
  listener = dotnet;
}

/** The wallets in this browser: those that answer EIP-6963, else window.ethereum. */
export async function discover(waitMs) {
  window.dispatchEvent(new Event('eip6963:requestProvider'));
  await new Promise(resolve => setTimeout(resolve, waitMs ?? 300));
  const wallets = [...announced.values()].map(describe);
  if (wallets.length === 0 && window.ethereum?.request) {
    announced.set('injected', { id: 'injected', info: { uuid: 'injected', name: window.ethereum.isMetaMask ? 'MetaMask' : 'Browser wallet' }, provider: window.ethereum });
    wallets.push(describe(announced.get('injected')));
  }
  return answer(wallets);
}

function follow(entry) {
  unfollow();
  const provider = entry.provider;
  handlers = {
    accountsChanged: accounts => listener?.invokeMethodAsync('OnAccountsChanged', accounts ?? []),
    chainChanged: chainId => listener?.invokeMethodAsync('OnChainChanged', chainId),
    disconnect: () => listener?.invokeMethodAsync('OnDisconnected'),
  };
  for (const [name, handler] of Object.entries(handlers)) {
    provider.on?.(name, handler);
  }
}

function unfollow() {
  if (current && handlers) {
    for (const [name, handler] of Object.entries(handlers)) {
      current.provider.removeListener?.(name, handler);
    }
  }
  handlers = null;
}

async function open(id, method) {
  if (announced.size === 0) {
    await discover(300);
  }
  const entry = find(id);
  if (!entry) {
    return { ok: false, code: 4900, message: `The wallet "${id}" is not in this browser any more.` };
  }
  try {
    const accounts = await entry.provider.request({ method });
    const chainId = await entry.provider.request({ method: 'eth_chainId' });
    if (!accounts?.length) {
      return { ok: false, code: 4100, message: 'The wallet shared no account.' };
    }
    follow(entry);
    current = entry;
    return answer({ wallet: describe(entry), accounts, chainId });
  } catch (error) {
    return failure(error);
  }
}

/** Asks the wallet for its accounts (the wallet shows its own prompt). */
export function connect(id) {
  return open(id, 'eth_requestAccounts');
}

/** Picks up a wallet connected before, without a prompt: fails when the wallet no longer shares an account. */
export function reconnect(id) {
  return open(id, 'eth_accounts');
}

export function disconnect() {
  unfollow();
  current = null;
  return answer(true);
}

/** The page's .NET side is going away: stop calling it. */
export function release() {
  unfollow();
  listener = null;
  return answer(true);
}

export async function chainId() {
  if (!current) {
    return { ok: false, code: 4900, message: 'No wallet is connected.' };
  }
  try {
    return answer(await current.provider.request({ method: 'eth_chainId' }));
  } catch (error) {
    return failure(error);
  }
}

/** Switches the wallet to `chain` ({ chainId, chainName, rpcUrls, nativeCurrency }), adding it when the wallet does not know it. */
export async function switchChain(chain) {
  if (!current) {
    return { ok: false, code: 4900, message: 'No wallet is connected.' };
  }
  const provider = current.provider;
  try {
    await provider.request({ method: 'wallet_switchEthereumChain', params: [{ chainId: chain.chainId }] });
  } catch (error) {
    if (error?.code !== 4902 && error?.data?.originalError?.code !== 4902) {
      return failure(error);
    }
    try {
      await provider.request({ method: 'wallet_addEthereumChain', params: [chain] });
      await provider.request({ method: 'wallet_switchEthereumChain', params: [{ chainId: chain.chainId }] });
    } catch (addError) {
      return failure(addError);
    }
  }
  return chainId();
}

/**
 * Sends a transaction the server prepared ({ from, to, data, value, gas, chainId } in hex) and answers its hash.
 * The hash is written to the pending list here, the moment the wallet hands it over, so that a page closed or a
 * connection lost while the wallet was open still finds the transaction on the next load.
 */
export async function sendTransaction(tx, pending) {
  if (!current) {
    return { ok: false, code: 4900, message: 'No wallet is connected.' };
  }
  try {
    const hash = await current.provider.request({ method: 'eth_sendTransaction', params: [tx] });
    if (pending && typeof hash === 'string') {
      const list = loadPending().value.filter(p => p.hash !== hash);
      list.push({ ...pending, hash, sentAt: new Date().toISOString() });
      savePending(list);
    }
    return answer(hash);
  } catch (error) {
    return failure(error);
  }
}

/**
 * Asks the wallet to sign a text (personal_sign, EIP-191): the Sign-In with Ethereum message. Signing costs nothing
 * and sends nothing; the key never leaves the wallet.
 */
export async function signMessage(text) {
  if (!current) {
    return { ok: false, code: 4900, message: 'No wallet is connected.' };
  }
  try {
    const accounts = await current.provider.request({ method: 'eth_accounts' });
    const hex = '0x' + Array.from(new TextEncoder().encode(text), b => b.toString(16).padStart(2, '0')).join('');
    return answer(await current.provider.request({ method: 'personal_sign', params: [hex, accounts[0]] }));
  } catch (error) {
    return failure(error);
  }
}

/**
 * Opens (or, with no body, ends) the dashboard session: the UI server checks the signed message with the API and keeps
 * the session in an HttpOnly cookie this script cannot read. Answers { ok, value: { address, expiresAt } } or the reason.
 */
export async function session(body) {
  try {
    const response = await fetch('account/session', {
      method: body ? 'POST' : 'DELETE',
      headers: { 'Content-Type': 'application/json', 'X-Dashboard-Session': '1' },
      body: body ? JSON.stringify(body) : undefined,
      credentials: 'same-origin',
    });
    const json = response.status === 204 ? null : await response.json().catch(() => null);
    return response.ok ? answer(json) : { ok: false, code: response.status, message: json?.detail ?? `HTTP ${response.status}` };
  } catch (error) {
    return failure(error);
  }
}

// Transactions sent but not yet seen through to the end survive a reload here; so does the chosen wallet.
const pendingKey = 'dashboard.pendingTransactions';
const walletKey = 'dashboard.wallet';

export function loadPending() {
  try {
    return answer(JSON.parse(localStorage.getItem(pendingKey) ?? '[]'));
  } catch {
    return answer([]);
  }
}

function savePending(list) {
  localStorage.setItem(pendingKey, JSON.stringify(list ?? []));
}

// Read and written in one step here: a hash added meanwhile (by sendTransaction, or another tab) is not lost.
export function forgetPending(hash) {
  savePending(loadPending().value.filter(p => p.hash !== hash));
  return answer(true);
}

export function rememberWallet(id) {
  if (id) {
    localStorage.setItem(walletKey, id);
  } else {
    localStorage.removeItem(walletKey);
  }
  return answer(true);
}

export function rememberedWallet() {
  return answer(localStorage.getItem(walletKey));
}
