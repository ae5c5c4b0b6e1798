// Warns a minute before the page session ends, while what was typed on the page can still be
// sent, and offers to stay signed in. The header says how many seconds the session had left
// when the page was made; the count runs on this browser's clock from then.
(function () {
  var header = document.querySelector('header[data-expires-in]');
  var csrf = document.querySelector('header input[name=_csrf]');
  if (!header || !csrf) {
    return;
  }
  var WARN_BEFORE = 60 * 1000;
  var ends = 0;
  var timer = null;
  var notice = document.createElement('div');
  notice.id = 'expiry-warning';
  notice.className = 'expiry-warning';
  notice.setAttribute('role', 'alert');
  notice.hidden = true;
  var message = document.createElement('p');
  var stay = document.createElement('button');
  stay.type = 'button';
  stay.id = 'stay-signed-in';
  stay.textContent = 'Stay signed in';
  notice.appendChild(message);
  notice.appendChild(stay);
  header.parentNode.insertBefore(notice, header.nextSibling);

  function count(seconds) {
    ends = Date.now() + seconds * 1000;
    notice.hidden = true;
    stay.hidden = false;
    clearTimeout(timer);
    timer = setTimeout(warn, Math.max(0, ends - WARN_BEFORE - Date.now()));
  }

  function warn() {
    var left = Math.round((ends - Date.now()) / 1000);
    if (left > 0) {
      message.textContent = 'Your session ends in ' + left + ' seconds. Stay signed in to keep working;'
        + ' anything on this page not yet saved would be lost.';
      timer = setTimeout(warn, 1000);
    } else {
      ended();
    }
    notice.hidden = false;
  }

  function ended() {
    clearTimeout(timer);
    message.textContent = 'Your session has ended. Copy anything on this page not yet saved, then sign in again.';
    stay.hidden = true;
    notice.hidden = false;
  }

  stay.addEventListener('click', function () {
    fetch('/app/session', {
      method: 'POST',
      credentials: 'same-origin',
      redirect: 'manual',
      headers: {'Content-Type': 'application/x-www-form-urlencoded'},
      body: '_csrf=' + encodeURIComponent(csrf.value)
    }).then(function (response) {
      var seconds = Number(response.headers.get('X-Session-Seconds'));
      if (response.status === 204 && seconds > 0) {
        count(seconds);
      } else {
        ended();
      }
    }, ended);
  });

  count(Number(header.dataset.expiresIn));
})();
