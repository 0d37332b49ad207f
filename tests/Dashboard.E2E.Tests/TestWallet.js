// A browser wallet for the tests: an EIP-1193 provider, announced through EIP-6963, that forwards to the devnet's
// anvil chains, whose dev accounts are unlocked, so every transaction is real. Configured by
// window.__testWalletConfig = { account, chains: { "0x…": "http://127.0.0.1:…" }, chainId: "0x…" } set before it.
// Test hooks on window.testWallet: rejectNext(), setAccount(a), setChain(id), and state.requests (what the page asked).
(() => {
  const config = window.__testWalletConfig;
  const listeners = {};
  const state = {
    account: config.account,
    chainId: config.chainId,
    chains: { ...config.chains },
    // Like a real wallet, it remembers that this site may see the account (across reloads of the page).
    connected: localStorage.getItem('testWallet.connected') === '1',
    reject: 0,
    requests: [],
  };

  const emit = (name, value) => (listeners[name] ?? []).forEach(listener => listener(value));

  const walletError = (code, message) => Object.assign(new Error(message), { code });

  async function rpc(method, params) {
    const url = state.chains[state.chainId];
    if (!url) {
      throw walletError(4901, `The test wallet has no RPC for chain ${state.chainId}.`);
    }
    // Through the test harness, as a wallet extension talks to its node outside the page: the page's
    // Content-Security-Policy (connect-src 'self') binds the page, not the wallet.
    const body = JSON.parse(await window.__testWalletRpc(url, JSON.stringify({ jsonrpc: '2.0', id: Date.now(), method, params: params ?? [] })));
    if (body.error) {
      throw Object.assign(new Error(body.error.message), { code: body.error.code, data: body.error.data });
    }
    return body.result;
  }

  const provider = {
    isTestWallet: true,
    async request({ method, params }) {
      state.requests.push({ method, params: params ?? [] });
      switch (method) {
        case 'eth_requestAccounts':
          if (state.reject > 0) {
            state.reject--;
            throw walletError(4001, 'User rejected the request.');
          }
          state.connected = true;
          localStorage.setItem('testWallet.connected', '1');
          return [state.account];
        case 'eth_accounts':
          return state.connected ? [state.account] : [];
        case 'eth_chainId':
          return state.chainId;
        case 'wallet_switchEthereumChain': {
          const id = params[0].chainId;
          if (state.reject > 0) {
            state.reject--;
            throw walletError(4001, 'User rejected the request.');
          }
          if (!state.chains[id]) {
            throw walletError(4902, `Unrecognized chain ID "${id}". Try adding the chain using wallet_addEthereumChain first.`);
          }
          state.chainId = id;
          emit('chainChanged', id);
          return null;
        }
        case 'wallet_addEthereumChain': {
          const chain = params[0];
          state.chains[chain.chainId] = chain.rpcUrls[0];
          return null;
        }
        case 'personal_sign': {
          if (state.reject > 0) {
            state.reject--;
            throw walletError(4001, 'User rejected the request.');
          }
          // Kept across the reload that follows a sign-in, for the test to read what was signed.
          localStorage.setItem('testWallet.lastSigned', params[0]);
          return await rpc('personal_sign', params);
        }
        case 'eth_sendTransaction': {
          if (!state.connected) {
            throw walletError(4100, 'The requested account has not been authorized.');
          }
          if (state.reject > 0) {
            state.reject--;
            throw walletError(4001, 'User rejected the request.');
          }
          return await rpc('eth_sendTransaction', params);
        }
        default:
          return await rpc(method, params);
      }
    },
    on(name, listener) {
      (listeners[name] ??= []).push(listener);
      return provider;
    },
    removeListener(name, listener) {
      listeners[name] = (listeners[name] ?? []).filter(l => l !== listener);
      return provider;
    },
  };

  window.testWallet = {
    provider,
    state,
    rejectNext() { state.reject++; },
    setAccount(account) { state.account = account; emit('accountsChanged', [account]); },
    setChain(chainId) { state.chainId = chainId; emit('chainChanged', chainId); },
  };

  const info = {
    uuid: '2f1c6a3e-0b7d-4c55-9b1e-7e8d5a6c4f10',
    name: 'Test Wallet',
    icon: 'data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22 viewBox=%220 0 10 10%22%3E%3Ccircle cx=%225%22 cy=%225%22 r=%225%22 fill=%22%2300a%22/%3E%3C/svg%3E',
    rdns: 'test.wallet',
  };
  const announce = () => window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail: Object.freeze({ info, provider }) }));
  window.addEventListener('eip6963:requestProvider', announce);
  announce();
})();
